import type { FastifyInstance } from 'fastify'
import { expect } from 'vitest'

/** Reading GET /metrics the way Prometheus does (test helper, not a test file). */
export type Labels = Record<string, string>
export interface Sample { name: string; labels: Labels; value: number }

/** GET /metrics (with a bearer token when given), parsed from the Prometheus text format. */
export async function scrapeMetrics(app: FastifyInstance, token?: string): Promise<Sample[]> {
  const res = await app.inject({ method: 'GET', url: '/metrics', headers: token ? { authorization: `Bearer ${token}` } : {} })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
  return res.body.split('\n').filter((l) => l && !l.startsWith('#')).map(parseSample)
}

function parseSample(line: string): Sample {
  const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
  if (!m) throw new Error(`not a sample: ${line}`)
  const labels: Labels = {}
  for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v
  return { name: m[1], labels, value: Number(m[3]) }
}

/** The value of the first series of `name` carrying these labels (it may carry others); undefined when absent. */
export const valueOf = (samples: Sample[], name: string, labels: Labels = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value

/** How much `name{labels}` moved from one scrape to a later one (an absent series counts as 0). */
export const difference = (from: Sample[], to: Sample[], name: string, labels: Labels = {}) =>
  (valueOf(to, name, labels) ?? 0) - (valueOf(from, name, labels) ?? 0)

/** How much `name{labels}` moved while `action` ran. */
export async function movedDuring(scrape: () => Promise<Sample[]>, name: string, labels: Labels, action: () => Promise<unknown>): Promise<number> {
  const before = await scrape()
  await action()
  return difference(before, await scrape(), name, labels)
}

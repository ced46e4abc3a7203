import { connect, type Socket } from 'node:net'
import { readAnswers, statusOf } from './http-answers'
import { latencyQuantiles, type Figure } from './lib'

export interface LoopOptions {
  connections: number
  ms: number
  /** The request `n` sends, whole (request line, headers, body). */
  request: (n: number) => Buffer
  /** At most this many requests a second over all connections (open loop); absent: each connection sends again once answered. */
  rate?: number
}

export interface LoopResult { statuses: Record<number, number>; latenciesMs: number[]; errors: number; ms: number }

/** How often an open loop hands its budget to waiting connections. */
const TICK_MS = 5

/**
 * A lean HTTP/1.1 keep-alive load generator: `connections` sockets, each sending one request,
 * reading its answer, then sending the next — at once, or when the shared `rate` allows.
 * Requests are prepared buffers and answers are only split and counted, so the generator
 * costs a fraction of autocannon's CPU per request: on a machine whose cores the server
 * shares with its load, what the load takes is not given to the server.
 */
export async function requestLoop(url: string, opts: LoopOptions): Promise<LoopResult> {
  const { hostname, port } = new URL(url)
  const started = Date.now()
  const end = started + opts.ms
  const result: LoopResult = { statuses: {}, latenciesMs: [], errors: 0, ms: 0 }
  const waiting: (() => void)[] = []
  let sent = 0
  const ticker = opts.rate === undefined ? undefined : setInterval(() => {
    const now = Date.now()
    const budget = now >= end ? waiting.length : Math.floor(opts.rate! * (now - started) / 1000) - sent
    for (let i = 0; i < budget && waiting.length; i++) waiting.shift()!()
  }, TICK_MS)
  await Promise.all(Array.from({ length: opts.connections }, () => new Promise<void>((resolve) => {
    const socket: Socket = connect(Number(port), hostname)
    socket.setNoDelay(true)
    socket.setTimeout(10_000, () => socket.destroy()) // a server that stops answering ends the run
    let sentAt = 0
    const send = () => {
      if (Date.now() >= end) return void socket.end()
      sentAt = performance.now()
      socket.write(opts.request(sent++))
    }
    const next = () => (ticker ? waiting.push(send) : send())
    socket.on('connect', next)
    socket.on('error', () => result.errors++)
    socket.on('close', () => resolve())
    readAnswers(socket, (head) => {
      result.latenciesMs.push(performance.now() - sentAt)
      const status = statusOf(head)
      result.statuses[status] = (result.statuses[status] ?? 0) + 1
      next()
    })
  })))
  clearInterval(ticker)
  result.ms = Date.now() - started
  return result
}

/** A run's figures as the benchmarks' tables show them: answers a second, p50 and p99 in whole ms. */
export function loopFigure(name: string, run: LoopResult, rss: number): Figure {
  const ok2xx = Object.entries(run.statuses).filter(([code]) => code.startsWith('2')).reduce((sum, [, n]) => sum + n, 0)
  const answers = run.latenciesMs.length
  return { name, rps: Math.round(answers / (run.ms / 1000)), ...latencyQuantiles(run.latenciesMs), rssMiB: rss, errors: run.errors, non2xx: answers - ok2xx, ok2xx }
}

import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Config } from '../../src/config'
import { makeApp } from './helpers'

/** Real HTTP against a listening app: what a browser's fetch sends and receives. */
export interface Http { status: number; headers: Record<string, string | string[] | undefined>; body: string }
export async function listening(overrides: Partial<Config> = {}) {
  const app = await makeApp(overrides)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => new Promise<Http>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(payload && { 'content-type': 'application/json' }) } }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (c) => { text += c }).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(payload)
  })
  return { app, send }
}

export const preflight = (origin: string, method = 'GET', headers = 'authorization,x-organization') =>
  ({ origin, 'access-control-request-method': method, 'access-control-request-headers': headers })
export const corsHeaders = (res: Http) => Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))
export const vary = (res: Http) => String(res.headers.vary ?? '').toLowerCase().split(/\s*,\s*/)
export const auth = (token: string, origin: string) => ({ authorization: `Bearer ${token}`, origin })

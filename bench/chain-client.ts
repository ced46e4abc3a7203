import { connect, type Socket } from 'node:net'
import { readAnswers } from './http-answers'
import { latencyQuantiles, type Figure } from './lib'

/** How one request of a chain presents its token, and which token its answer hands on. */
export interface ChainStep {
  /** Header lines (each ending in CRLF) and body of the request that presents `token`. */
  request: (token: string) => { headers: string; body: string }
  next: (body: string) => string
}

/** Our own refresh: `{"refresh": …}` in, the rotated `refresh` out. */
export const ourRefresh: ChainStep = {
  request: (token) => ({ headers: 'Content-Type: application/json\r\n', body: `{"refresh":"${token}"}` }),
  next: (body) => JSON.parse(body).refresh,
}

/**
 * A lean HTTP/1.1 keep-alive client for chained requests (refreshes): each of `tokens.length`
 * connections presents its token, reads the answer and presents the successor, for `ms`.
 * It does what pgbench's C client does for TPC-B — send, wait, repeat — without
 * autocannon's per-request bookkeeping, so the load generator takes less of the CPU the
 * server and PostgreSQL share. Returns completed rotations and failures.
 */
export async function chainRequests(url: string, path: string, tokens: string[], ms: number, step: ChainStep): Promise<{ ok: number; failed: number; latenciesMs: number[] }> {
  const { hostname, port } = new URL(url)
  const end = Date.now() + ms
  let ok = 0
  let failed = 0
  const latenciesMs: number[] = []
  await Promise.all(tokens.map((first) => new Promise<void>((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname)
    socket.setNoDelay(true)
    // An answer that never comes ends the chain (counted as failed) instead of the run.
    socket.setTimeout(10_000, () => { failed++; socket.destroy(); resolve() })
    let token = first
    let sentAt = 0
    const send = () => {
      if (Date.now() >= end) return void socket.end(resolve)
      const { headers, body } = step.request(token)
      sentAt = performance.now()
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
    }
    socket.on('connect', send)
    socket.on('error', reject)
    readAnswers(socket, (head, body) => {
      latenciesMs.push(performance.now() - sentAt)
      if (!head.startsWith('HTTP/1.1 200')) {
        failed++
        return void socket.end(resolve) // the chain is broken: its token is gone
      }
      ok++
      token = step.next(body)
      send()
    })
  })))
  return { ok, failed, latenciesMs }
}

/** A chained run as the benchmarks' tables show it: rotations a second over `seconds`, p50 and p99 in whole ms, failures as non-2xx. */
export function chainFigure(name: string, run: { ok: number; failed: number; latenciesMs: number[] }, seconds: number, rssMiB: number): Figure {
  return { name, rps: Math.round(run.ok / seconds), ...latencyQuantiles(run.latenciesMs), rssMiB, errors: 0, non2xx: run.failed, ok2xx: run.ok }
}

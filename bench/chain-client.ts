import { connect, type Socket } from 'node:net'

/**
 * A lean HTTP/1.1 keep-alive client for chained refreshes: each of `tokens.length`
 * connections presents its token, reads the answer and presents the successor, for `ms`.
 * It does what pgbench's C client does for TPC-B — send, wait, repeat — without
 * autocannon's per-request bookkeeping, so the load generator takes less of the CPU the
 * server and PostgreSQL share. Returns completed rotations and failures.
 */
export async function chainRefreshes(url: string, path: string, tokens: string[], ms: number): Promise<{ ok: number; failed: number; latenciesMs: number[] }> {
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
    let buffer = Buffer.alloc(0)
    let sentAt = 0
    const send = () => {
      if (Date.now() >= end) return void socket.end(resolve)
      const body = `{"refresh":"${token}"}`
      sentAt = performance.now()
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`)
    }
    socket.on('connect', send)
    socket.on('error', reject)
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
      const headerEnd = buffer.indexOf('\r\n\r\n')
      if (headerEnd < 0) return
      const head = buffer.subarray(0, headerEnd).toString('latin1')
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0)
      if (buffer.length < headerEnd + 4 + length) return
      const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')
      buffer = buffer.subarray(headerEnd + 4 + length)
      latenciesMs.push(performance.now() - sentAt)
      if (!head.startsWith('HTTP/1.1 200')) {
        failed++
        return void socket.end(resolve) // the chain is broken: its token is gone
      }
      ok++
      token = JSON.parse(body).refresh
      send()
    })
  })))
  return { ok, failed, latenciesMs }
}

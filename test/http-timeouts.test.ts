import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config'
import { makeApp } from './support/helpers'

// Short timeouts, over real TCP: what a slow or silent client gets.
const app = await makeApp({ httpHeadersTimeoutMs: 600, httpRequestTimeoutMs: 1000, httpKeepAliveTimeoutMs: 500, httpConnectionTimeoutMs: 5000 })
await app.listen({ host: '127.0.0.1', port: 0 })
const { port } = app.server.address() as AddressInfo

interface Outcome { closedAfter: number; received: string }

/** Opens a socket, lets `drive` write to it, and resolves when the server closes it (or after `limit` ms). */
function connect(drive: (socket: net.Socket) => void = () => {}, limit = 10_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let received = ''
    const socket = net.connect(port, '127.0.0.1', () => drive(socket))
    const giveUp = setTimeout(() => { socket.destroy(); reject(new Error(`still open after ${limit} ms`)) }, limit)
    socket.on('data', (chunk) => { received += chunk.toString('latin1') })
    socket.on('error', () => {}) // a reset is a close too
    socket.on('close', () => { clearTimeout(giveUp); resolve({ closedAfter: performance.now() - started, received }) })
  })
}

/** Writes `chunk` every `ms` until the socket closes. */
const drip = (socket: net.Socket, chunk: string, ms: number) => {
  const timer = setInterval(() => { if (socket.writable) socket.write(chunk) }, ms)
  socket.on('close', () => clearInterval(timer))
}

const GET = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n'

describe('HTTP connection timeouts', () => {
  it('applies the configured timeouts to the server', () => {
    expect(app.server.headersTimeout).toBe(600)
    expect(app.server.requestTimeout).toBe(1000)
    expect(app.server.keepAliveTimeout).toBe(500)
    expect(app.server.timeout).toBe(5000)
  })

  it('closes a connection that never sends a request after the headers timeout, with a 408', async () => {
    const { closedAfter, received } = await connect()
    expect(received).toMatch(/^HTTP\/1\.1 408/)
    expect(closedAfter).toBeGreaterThan(500)
    expect(closedAfter).toBeLessThan(2500)
  })

  it('cuts off headers sent one line at a time', async () => {
    const { closedAfter, received } = await connect((s) => { s.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n'); drip(s, 'X-Slow: 1\r\n', 100) })
    expect(received).toMatch(/^HTTP\/1\.1 408/)
    expect(closedAfter).toBeLessThan(2500)
  })

  it('cuts off a body dripped one byte every 200 ms at the request timeout, with a 408', async () => {
    const { closedAfter, received } = await connect((s) => {
      s.write('POST /api/v1/auth/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n')
      drip(s, ' ', 200)
    })
    expect(received).toMatch(/^HTTP\/1\.1 408/)
    expect(closedAfter).toBeGreaterThan(900)
    expect(closedAfter).toBeLessThan(3000)
  })

  it('serves sequential keep-alive requests on one connection, then closes it once idle', async () => {
    let sent = 0
    const { closedAfter, received } = await connect((s) => {
      const next = () => { if (sent++ < 5) { s.write(GET); setTimeout(next, 300) } }
      next()
    })
    // Five requests over ~1.5 s: longer than the headers and keep-alive timeouts, each gap shorter.
    expect(received.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(5)
    expect(received).not.toMatch(/408/)
    // Idle after the last response: keep-alive timeout plus Node's 1 s grace.
    expect(closedAfter).toBeLessThan(1200 + 500 + 1000 + 1500)
  })
})

describe('HTTP timeout settings', () => {
  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/)
    expect(loadConfig({}).httpRequestTimeoutMs).toBe(30000)
  })
})

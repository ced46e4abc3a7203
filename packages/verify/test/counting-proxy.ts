import { createServer, request } from 'node:http'
import { afterAll } from 'vitest'

/**
 * An HTTP proxy in front of the running server, so a test sees what the verifier asks
 * for (how often it fetches the JWKS) and can take the server away from it (`down`:
 * every connection is reset, as when the auth server is unreachable).
 */
export class CountingProxy {
  readonly counts = new Map<string, number>()
  down = false
  private constructor(readonly url: string) {}

  static async start(target: string): Promise<CountingProxy> {
    const targetUrl = new URL(target)
    let proxy: CountingProxy | undefined
    const server = createServer((req, res) => {
      const key = `${req.method} ${req.url}`
      proxy!.counts.set(key, (proxy!.counts.get(key) ?? 0) + 1)
      if (proxy!.down) return void req.socket.destroy()
      const upstream = request({ host: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      })
      upstream.on('error', () => res.destroy())
      req.pipe(upstream)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    proxy = new CountingProxy(`http://127.0.0.1:${port}`)
    afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
    return proxy
  }

  /** Requests for the key set so far. */
  get jwksFetches(): number {
    return this.counts.get('GET /.well-known/jwks.json') ?? 0
  }

  get onlineChecks(): number {
    return this.counts.get('POST /api/v1/auth/token/verify/') ?? 0
  }
}

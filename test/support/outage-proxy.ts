import { connect, createServer, type Server, type Socket } from 'node:net'

export type ProxyMode = 'up' | 'refuse' | 'blackhole'

/** The port of a server's URL (`fallback`: its default). */
export const portOf = (url: string, fallback: number) => Number(new URL(url).port || fallback)
/** The same URL through `proxy`. */
export const via = (url: string, proxy: OutageProxy) => { const u = new URL(url); u.host = proxy.address; return u.toString() }

/**
 * A TCP proxy in front of the shared PostgreSQL or Redis, so a test can cut *its own*
 * connections without touching the servers other tests use.
 * - `up`: forwards every byte.
 * - `refuse`: stops listening (new connections get ECONNREFUSED) and cuts every open one.
 * - `blackhole`: open connections stop carrying bytes, new ones are accepted but never
 *   answered (a hung server or a dropping firewall: the case that makes clients hang).
 * Going `up` again closes the held connections (the server "restarted") and forwards again.
 */
export class OutageProxy {
  private readonly server: Server
  private readonly piped = new Set<Socket>()
  private readonly held = new Set<Socket>()
  private mode: ProxyMode = 'up'
  port = 0

  private constructor(private readonly targetPort: number) {
    this.server = createServer((client) => this.accept(client))
  }

  static async start(targetPort: number): Promise<OutageProxy> {
    const proxy = new OutageProxy(targetPort)
    await proxy.listen(0)
    return proxy
  }

  /** `host:port` of the proxy, for a URL. */
  get address() { return `127.0.0.1:${this.port}` }

  async set(mode: ProxyMode): Promise<void> {
    if (mode === this.mode) return
    const wasListening = this.mode !== 'refuse'
    this.mode = mode
    if (mode === 'blackhole') {
      for (const s of this.piped) { s.unpipe(); s.pause(); this.held.add(s) }
    } else {
      for (const s of [...this.piped, ...this.held]) s.destroy()
      this.held.clear()
    }
    this.piped.clear()
    // close() stops listening at once; its callback would wait for connections already gone.
    if (mode === 'refuse' && wasListening) this.server.close()
    if (mode !== 'refuse' && !wasListening) await this.listen(this.port)
  }

  async stop(): Promise<void> {
    await this.set('refuse')
  }

  private listen(port: number) {
    return new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject)
        this.port = (this.server.address() as { port: number }).port
        resolve()
      })
    })
  }

  private accept(client: Socket) {
    client.on('error', () => {})
    if (this.mode !== 'up') {
      // Accepted, never read, never answered.
      this.held.add(client)
      client.on('close', () => this.held.delete(client))
      return
    }
    const upstream = connect(this.targetPort, '127.0.0.1')
    upstream.on('error', () => client.destroy())
    client.on('error', () => upstream.destroy())
    for (const s of [client, upstream]) {
      this.piped.add(s)
      s.on('close', () => { this.piped.delete(s); this.held.delete(s); client.destroy(); upstream.destroy() })
    }
    client.pipe(upstream)
    upstream.pipe(client)
  }
}

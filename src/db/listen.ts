import pg from 'pg'
import { bounded } from './bounded'

export interface ListenHandlers {
  /** A NOTIFY's payload, in commit order. */
  onMessage(payload: string): void
  /**
   * true once LISTEN is in place; false when the connection is lost (notifications sent
   * until it is back are never delivered) and when listening stops.
   */
  onLive(live: boolean): void
}

/** How long to wait before opening a lost listening connection again. */
const RECONNECT_MS = 1000

/**
 * LISTEN on its own connection (a pooled one would be handed to queries), opened again
 * whenever it is lost. Returns the function that stops listening.
 */
export function listenPostgres(url: string, connectTimeoutMs: number | undefined, channel: string, handlers: ListenHandlers): () => Promise<void> {
  let client: pg.Client | undefined
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  const open = async () => {
    // keepAlive: a server that vanished without a FIN is noticed, and with it the gap.
    const c = new pg.Client({ connectionString: url, application_name: `commercecore listen ${channel}`, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true, keepAliveInitialDelayMillis: 10_000 })
    client = c
    let lost = false
    const lose = () => {
      if (lost) return
      lost = true
      handlers.onLive(false)
      c.end().catch(() => {})
      if (!stopped) (retry = setTimeout(() => void open(), RECONNECT_MS)).unref()
    }
    c.on('error', lose)
    c.on('end', lose)
    c.on('notification', (n) => { if (n.channel === channel) handlers.onMessage(n.payload ?? '') })
    try {
      await c.connect()
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
    } catch {
      lose()
      return
    }
    if (!lost && !stopped) handlers.onLive(true)
  }
  void open()
  return async () => {
    stopped = true
    clearTimeout(retry)
    handlers.onLive(false)
    if (client) await bounded(client.end().catch(() => {}), 2000)
  }
}

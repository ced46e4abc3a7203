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
 * The listening connection is asked `SELECT 1` this often, and lost when the answer takes
 * longer than PING_TIMEOUT_MS: a server that hung or a link that drops packets is noticed
 * within ~4 s. TCP keep-alive alone takes minutes, and never fires when something between
 * (a proxy, a hung server's kernel) still acknowledges at the TCP level.
 */
const PING_MS = 2000
const PING_TIMEOUT_MS = 2000

/** `p`, or a rejection once `ms` have passed. */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms) })
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

/**
 * LISTEN on its own connection (a pooled one would be handed to queries), opened again
 * whenever it is lost. Returns the function that stops listening.
 */
export function listenPostgres(url: string, connectTimeoutMs: number | undefined, channel: string, handlers: ListenHandlers): () => Promise<void> {
  let client: pg.Client | undefined
  let stopped = false
  let retry: NodeJS.Timeout | undefined
  const open = async () => {
    // keepAlive as a backstop for a peer that vanished without a FIN; the ping below notices it first.
    const c = new pg.Client({ connectionString: url, application_name: `commercecore listen ${channel}`, connectionTimeoutMillis: connectTimeoutMs, keepAlive: true, keepAliveInitialDelayMillis: 10_000 })
    client = c
    let lost = false
    let ping: NodeJS.Timeout | undefined
    const lose = () => {
      if (lost) return
      lost = true
      clearInterval(ping)
      handlers.onLive(false)
      // A silent peer never answers the goodbye: the socket is closed here, not by it.
      c.end().catch(() => {})
      c.connection.stream.destroy()
      if (!stopped) (retry = setTimeout(() => void open(), RECONNECT_MS)).unref()
    }
    c.on('error', lose)
    c.on('end', lose)
    c.on('notification', (n) => { if (n.channel === channel) handlers.onMessage(n.payload ?? '') })
    try {
      await c.connect()
      await withTimeout(c.query(`LISTEN ${pg.escapeIdentifier(channel)}`), PING_TIMEOUT_MS)
    } catch {
      lose()
      return
    }
    if (lost || stopped) return
    handlers.onLive(true)
    let answering = false
    ping = setInterval(() => {
      if (stopped) return clearInterval(ping)
      if (answering) return
      answering = true
      withTimeout(c.query('SELECT 1'), PING_TIMEOUT_MS).then(() => { answering = false }, lose)
    }, PING_MS)
    ping.unref()
  }
  void open()
  return async () => {
    stopped = true
    clearTimeout(retry)
    handlers.onLive(false)
    if (client) await bounded(client.end().catch(() => {}), 2000)
  }
}

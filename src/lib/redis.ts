import { createRequire } from 'node:module'
import type { Redis } from 'ioredis'

/** The slice of the app's (pino) logger this file and the invalidation bus use; no Fastify import. */
export interface Log {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
}

/**
 * A Redis connection that fails fast instead of waiting: no offline queue (a command
 * issued while disconnected fails at once), no retries of a command whose connection
 * dropped, and `timeoutMs` on connecting, on each command and on a socket that stops
 * answering (which is then dropped and re-established). It reconnects by itself, with
 * backoff, forever. Without these, a Redis outage held each login for ~30 s.
 *
 * Errors go to the app's JSON log once per outage ("redis unavailable", then "redis
 * connection restored"), never to stderr: the 'error' listener is what stops ioredis
 * printing "[ioredis] Unhandled error event" on every reconnect attempt.
 */
export function connectRedis(url: string, opts: { role: 'commands' | 'subscriber'; timeoutMs: number; log: Log }): Redis {
  // Loaded only when REDIS_URL is set: a single instance without Redis does not hold ioredis.
  const { Redis: Client } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis')
  const redis = new Client(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: opts.timeoutMs,
    commandTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
    // The invalidation bus subscribes itself on every 'ready', then drops its caches.
    autoResubscribe: false,
  })
  let down = false
  const lost = (reason: string) => {
    if (down) return
    down = true
    opts.log.warn({ redis: opts.role, err: reason }, 'redis unavailable')
  }
  redis.on('error', (err: Error) => lost(err.message))
  // A connection closed cleanly by the server emits no 'error'; 'reconnecting' (never sent
  // after our own disconnect at shutdown) says it is lost all the same.
  redis.on('reconnecting', () => lost('connection lost'))
  redis.on('ready', () => {
    if (!down) return
    down = false
    opts.log.info({ redis: opts.role }, 'redis connection restored')
  })
  return redis
}

/** Resolves true when Redis answers a PING within its command timeout. */
export async function redisAnswers(redis: Redis): Promise<boolean> {
  return redis.ping().then(() => true, () => false)
}

/** Resolves once `redis` is ready, or after `ms` (start-up goes on without it; /readyz tells). */
export async function whenReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return
  let timer: NodeJS.Timeout | undefined
  await new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms)
    redis.once('ready', () => resolve())
  })
  clearTimeout(timer)
}

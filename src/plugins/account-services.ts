import type { FastifyInstance } from 'fastify'
import { Mailer } from '../modules/email/mailer'
import { Throttle } from '../modules/throttle/throttle'
import { MemoryThrottleStore, RedisThrottleStore } from '../modules/throttle/throttle.store'

declare module 'fastify' {
  interface FastifyInstance {
    /** Outgoing mail: queued, retried, never failing the request that sends it. */
    mailer: Mailer
    /** Per-IP / per-account throttles and the lockout (in Redis when REDIS_URL is set). */
    throttle: Throttle
    /** Runs work off the request path (errors logged); awaited when the app closes. */
    background(label: string, task: () => Promise<void>): void
    /** Resolves once no background task is running (tests, shutdown). */
    backgroundIdle(): Promise<void>
  }
  interface FastifyContextConfig {
    /** Per-IP throttle scope of an auth endpoint (`login`, `register`, …). */
    throttle?: string
  }
}

/** Outgoing mail, auth throttles and background work: decorations and hooks. Call once on the root app. */
export function registerAccountServices(app: FastifyInstance) {
  const { config } = app
  app.decorate('mailer', new Mailer({
    smtpUrl: config.smtpUrl, from: config.emailFrom, maxAttempts: config.emailMaxAttempts, retryDelayMs: config.emailRetryDelayMs, log: app.log, events: app.metrics.mailerEvents,
  }))
  const store = app.redis ? new RedisThrottleStore(app.redis, config.redisPrefix) : new MemoryThrottleStore()
  app.decorate('throttle', new Throttle(store, {
    perIp: config.throttleAuthPerIp, perAccount: config.throttleAuthPerAccount, lockoutThreshold: config.lockoutThreshold, log: app.log,
    onLockout: () => app.metrics.lockouts.inc(),
  }))

  const tasks = new Set<Promise<void>>()
  app.decorate('background', (label: string, task: () => Promise<void>) => {
    const p = Promise.resolve().then(task).catch((err) => app.log.error({ err, task: label }, 'background task failed')).finally(() => tasks.delete(p))
    tasks.add(p)
  })
  const drain = async () => {
    while (tasks.size) await Promise.allSettled(tasks)
  }

  app.decorate('backgroundIdle', drain)

  app.addHook('onRequest', (req, _reply, done) => {
    const scope = req.routeOptions.config?.throttle
    if (!scope) return done()
    app.throttle.checkIp(scope, req.ip).then(() => done(), done)
  })
  app.addHook('preClose', drain)
  app.addHook('onClose', async () => {
    await drain()
    await app.mailer.close()
  })
}

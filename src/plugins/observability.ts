import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Redis } from 'ioredis'
import client from 'prom-client'
import { notAuthenticated } from '../lib/errors'
import { redisAnswers } from '../lib/redis'
import { safeEqual, sha256 } from '../lib/secrets'
import { isForwarded } from './logging'

/** /healthz, /readyz and Prometheus /metrics (request latency by route, and app.metrics: docs/metrics.md). */
export function registerObservability(app: FastifyInstance) {
  const registry = app.ctx.metrics.registry
  const duration = new client.Histogram({
    name: 'commercecore_http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  // One labelled child per method/route/status (a bounded set), so a request costs a map lookup.
  const observers = new Map<string, client.Histogram.Internal<'method' | 'route' | 'status'>>()
  app.addHook('onResponse', (req, reply, done) => {
    if (isForwarded()) return done() // a seed route's in-process call: the outer request is measured
    const route = req.routeOptions.url ?? 'unmatched'
    const key = `${req.method} ${route} ${reply.statusCode}`
    let observer = observers.get(key)
    if (!observer) observers.set(key, observer = duration.labels(req.method, route, String(reply.statusCode)))
    observer.observe(reply.elapsedTime / 1000)
    done()
  })

  const hidden = { hide: true }
  app.get('/healthz', { config: { access: 'public' }, schema: hidden }, async () => ({ status: 'ok' }))
  // Each dependency this instance needs, so an orchestrator (and a human) sees which one is down.
  app.get('/readyz', { config: { access: 'public' }, schema: hidden }, async (_req, reply) => {
    const checks: Record<string, 'ok' | 'down'> = { database: (await databaseAnswers(app)) ? 'ok' : 'down' }
    if (app.ctx.redis) checks.redis = (await redisReady(app.ctx.redis, app.ctx.redisSubscriber)) ? 'ok' : 'down'
    const ok = Object.values(checks).every((c) => c === 'ok')
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', ...checks })
  })
  app.get('/metrics', { config: { access: 'public' }, schema: hidden, onRequest: metricsAccess(app.ctx.config.metricsToken) }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()))
}

/** With METRICS_TOKEN set, /metrics needs `Authorization: Bearer <token>` (compared in constant time); else 401. */
function metricsAccess(token: string | undefined) {
  const expected = token && sha256(token)
  return (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    if (!expected) return done()
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? ''
    // Digests of equal length: neither the token's content nor its length leaks through timing.
    done(safeEqual(sha256(presented), expected) ? undefined : notAuthenticated())
  }
}

/** A database that does not answer within the connect timeout counts as down (a probe must not hang). */
async function databaseAnswers(app: FastifyInstance): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), app.ctx.config.databaseConnectTimeoutMs) })
  const ping = app.ctx.database.ping().then(() => true, () => false)
  try {
    return await Promise.race([ping, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Both connections up: commands answer, and the invalidation subscription is live. */
async function redisReady(commands: Redis, subscriber: Redis | null): Promise<boolean> {
  return subscriber?.status === 'ready' && (await redisAnswers(commands))
}

import type { FastifyInstance } from 'fastify'
import client from 'prom-client'

/** /healthz, /readyz and Prometheus /metrics (request counts and latency by route). */
export function registerObservability(app: FastifyInstance) {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  app.addHook('onResponse', (req, reply, done) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000)
    done()
  })

  const hidden = { hide: true }
  app.get('/healthz', { config: { public: true }, schema: hidden }, async () => ({ status: 'ok' }))
  app.get('/readyz', { config: { public: true }, schema: hidden }, async (_req, reply) => {
    try {
      await app.database.ping()
      return { status: 'ok' }
    } catch {
      return reply.code(503).send({ detail: 'Database unreachable.', code: 'service_unavailable' })
    }
  })
  app.get('/metrics', { config: { public: true }, schema: hidden }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()))
}

import type { FastifyInstance } from 'fastify'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Per-IP throttle scope of an auth endpoint (`login`, `register`, …). */
    throttle?: string
  }
}

/** The auth throttles' and background work's hooks (the mailer, throttles and tasks are in the context). Call once on the root app. */
export function registerAccountServices(app: FastifyInstance) {
  app.addHook('onRequest', (req, _reply, done) => {
    const scope = req.routeOptions.config?.throttle
    if (!scope) return done()
    app.ctx.throttle.checkIp(scope, req.ip).then(() => done(), done)
  })
  app.addHook('preClose', () => app.ctx.backgroundIdle())
}

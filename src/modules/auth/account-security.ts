import type { FastifyInstance } from 'fastify'
import { mfaRoutes, passwordAndEmailRoutes, sessionsRoutes } from './account-security.routes'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Per-IP throttle scope of an auth endpoint (`login`, `register`, …). */
    throttle?: string
  }
}

/** Hooks of issue #4 (throttling, background work; the mailer and throttles are in the context). Call once on the root app. */
export function registerAccountSecurity(app: FastifyInstance) {
  app.addHook('onRequest', (req, _reply, done) => {
    const scope = req.routeOptions.config?.throttle
    if (!scope) return done()
    app.throttle.checkIp(scope, req.ip).then(() => done(), done)
  })
  app.addHook('preClose', () => app.backgroundIdle())
}

/** Routes of issue #4, registered under /api/v1 by app.ts. */
export const accountSecurityRoutes = async (app: FastifyInstance) => {
  await app.register(passwordAndEmailRoutes)
  await app.register(mfaRoutes)
  await app.register(sessionsRoutes)
}

import type { FastifyInstance } from 'fastify'
import { buildApp } from './app'
import { listenForCommands } from './cli/control'
import type { Config } from './config'

/**
 * Listens, and on SIGTERM/SIGINT stops accepting, drains in-flight requests and exits 0.
 * On the embedded database it also takes CLI commands on a control socket (src/cli/control.ts).
 */
export async function serve(config: Config): Promise<FastifyInstance> {
  const app = await buildApp(config)
  let closing = false
  // Responses finished while draining close their keep-alive connection, so close() is not held open by idle clients.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  await app.listen({ host: config.host, port: config.port })
  const stopCommands = await listenForCommands(app)
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: draining in-flight requests')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    // Commands first (a running one finishes), then HTTP, then the database and its lock.
    stopCommands().then(() => app.close()).then(() => process.exit(0), () => process.exit(1))
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
  return app
}

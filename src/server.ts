import type { FastifyInstance } from 'fastify'
import { Server } from 'node:net'
import { buildApp } from './app'
import { listenForCommands } from './cli/control'
import type { Config } from './config'
import { serviceUnavailable } from './lib/errors'

/**
 * Listens, and on SIGTERM/SIGINT shuts down without resetting a connection:
 * 1. grace (SHUTDOWN_GRACE_MS, ends early once no connection is open): requests are still
 *    served, each answer with `Connection: close`, and /readyz answers 503 so a load balancer
 *    stops sending new ones;
 * 2. close: the listener closes (new connections are refused), a request still arriving on
 *    an open connection gets 503 `service_unavailable` + `Connection: close`, in-flight
 *    requests finish, idle connections are closed, and the process exits 0.
 * Why the listener stays open through the grace: closing it resets every connection the
 * kernel has not handed to the process yet — including ones whose client already saw the
 * handshake complete (measured: still arriving 150 ms after the signal on a loaded machine).
 * On the embedded database it also takes CLI commands on a control socket (src/cli/control.ts),
 * which stops first at shutdown (a running command finishes).
 * Every step is bounded (database and Redis outages included); exit 1 only comes from the
 * last-resort timer.
 */
export async function serve(config: Config): Promise<FastifyInstance> {
  const app = await buildApp(config)
  let phase: 'serving' | 'grace' | 'closing' = 'serving'
  app.addHook('onRequest', (req, reply, done) => {
    if (phase === 'closing') return done(serviceUnavailable())
    if (phase === 'grace' && req.routeOptions.url === '/readyz') return void reply.code(503).send({ status: 'shutting_down' })
    done()
  })
  // Every answer after the signal closes its connection, so the grace ends as soon as clients have theirs.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (phase !== 'serving') reply.header('connection', 'close')
    done(null, payload)
  })
  await app.listen({ host: config.host, port: config.port })
  const stopCommands = await listenForCommands(app.ctx)

  const shutdown = async (signal: string) => {
    if (phase !== 'serving') return
    phase = 'grace'
    app.log.info({ signal, grace_ms: config.shutdownGraceMs }, 'shutting down: answering open connections, each with Connection: close')
    const force = setTimeout(() => {
      app.log.error('shutdown did not finish in time; exiting')
      process.exit(1)
    }, config.shutdownGraceMs + 15_000)
    force.unref()
    await untilNoConnections(app.server, config.shutdownGraceMs)
    phase = 'closing'
    // Stop accepting now (net's close; app.close() below, through http's, then also closes idle connections).
    Server.prototype.close.call(app.server)
    app.log.info('shutting down: listener closed, finishing in-flight requests')
    await stopCommands()
    await app.close()
    process.exit(0)
  }
  const onSignal = (signal: string) => {
    shutdown(signal).catch((err) => {
      app.log.error({ err }, 'shutdown failed')
      process.exit(1)
    })
  }
  process.once('SIGTERM', () => onSignal('SIGTERM'))
  process.once('SIGINT', () => onSignal('SIGINT'))
  return app
}

/** Resolves when the server has had no open connection for a moment, or after `ms`. */
async function untilNoConnections(server: Server, ms: number): Promise<void> {
  const count = () => new Promise<number>((resolve) => server.getConnections((err, n) => resolve(err ? 0 : n)))
  const end = Date.now() + ms
  for (let quiet = 0; quiet < 3 && Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    quiet = (await count()) === 0 ? quiet + 1 : 0
  }
}

import Fastify from 'fastify'

/** The yardstick: a bare Fastify hello-world, run exactly like the service. */
const app = Fastify({ logger: false })
app.get('/healthz', async () => ({ status: 'ok' }))
app.get('/', async () => ({ hello: 'world' }))
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
process.once('SIGTERM', () => app.close().then(() => process.exit(0)))

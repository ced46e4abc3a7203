import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import { Page } from '../src/lib/schemas'
import { User } from '../src/modules/users/users.schemas'

/**
 * The yardstick of bench/list.ts: a bare Fastify serving a page of users captured from a
 * real GET /users/?limit=50 (BENCH_LIST_PAGE, a JSON file), parsed once at start and
 * serialized on every request — nothing else (no database, no hooks, no auth).
 * `/stringify`: Fastify's default JSON.stringify; `/schema`: the route's own response
 * schema (Page(User)) through Fastify's fast-json-stringify.
 */
const page = JSON.parse(readFileSync(process.env.BENCH_LIST_PAGE as string, 'utf8')) as unknown
const app = Fastify({ logger: false })
app.get('/healthz', async () => ({ status: 'ok' }))
app.get('/stringify', async () => page)
app.get('/schema', { schema: { response: { 200: Page(User) } } }, async () => page)
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) })
process.once('SIGTERM', () => app.close().then(() => process.exit(0)))

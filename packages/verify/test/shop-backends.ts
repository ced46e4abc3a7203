import type { AddressInfo } from 'node:net'
import express from 'express'
import Fastify from 'fastify'
import { afterAll } from 'vitest'
import * as forExpress from '../src/express'
import * as forFastify from '../src/fastify'
import type { Verifier } from '../src/index'

/**
 * The same small shop backend written twice, as a shop would with this package:
 * - `GET /orders`: offline verification, needs `view_orders`.
 * - `POST /refunds`: online verification (revocation-sensitive), needs `view_orders`.
 * - `GET /whoami`: any valid token of the organization (Fastify: a scope-wide hook).
 * Each listens on loopback and answers `{user, permissions}`.
 */
export async function expressBackend(verifier: Verifier): Promise<string> {
  const { authenticate, requirePermission } = forExpress
  const app = express()
  app.get('/orders', authenticate(verifier), requirePermission('view_orders'), (req, res) => { res.json(who(req.auth)) })
  app.post('/refunds', authenticate(verifier, { online: true }), requirePermission('view_orders'), (req, res) => { res.json(who(req.auth)) })
  app.get('/whoami', authenticate(verifier), (req, res) => { res.json(who(req.auth)) })
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)) })
  afterAll(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

export async function fastifyBackend(verifier: Verifier): Promise<string> {
  const { authenticate, requirePermission } = forFastify
  const app = Fastify()
  app.get('/orders', { onRequest: authenticate(verifier), preHandler: requirePermission('view_orders') }, async (req) => who(req.auth))
  app.post('/refunds', { onRequest: authenticate(verifier, { online: true }), preHandler: requirePermission('view_orders') }, async (req) => who(req.auth))
  // The other way to use it: one hook for every route of a scope.
  await app.register(async (scope) => {
    scope.addHook('onRequest', authenticate(verifier))
    scope.get('/whoami', async (req) => who(req.auth))
  })
  afterAll(() => app.close())
  return app.listen({ port: 0, host: '127.0.0.1' })
}

const who = (auth: { userId: string; permissions: readonly string[] } | undefined) => ({ user: auth?.userId, permissions: auth?.permissions })

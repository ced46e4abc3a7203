import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Email, errorResponses, Password, Uuid } from '../../lib/schemas'
import { Credentials } from '../sessions/sessions.schemas'
import { Username } from '../users/users.schemas'
import { forward, relay } from './forward'
import { registerWithoutSession } from './register'
import { seedTag, via } from './tags'

/** Seed 004 (DRF authtoken): `/api/create/`, `/api/token/`, `/api/me/`. */
const tags = seedTag('004')
const Account = Type.Object({ id: Uuid, username: Type.String(), email: Type.String() })
const CreateBody = Type.Object({ username: Username, email: Email, password: Password }, { additionalProperties: false })

export const seed004Routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/create/', {
    config: { access: 'public' },
    schema: { tags, summary: via('Register (X-Organization, or default)', 'POST /api/v1/auth/register/'), security: [], body: CreateBody, response: { 201: Account, ...errorResponses(400, 403, 404, 429) } },
  }, async (req, reply) => relay(reply, await registerWithoutSession(app, req, req.body), (b) => b.user))

  app.post('/api/token/', {
    config: { access: 'public' },
    schema: { tags, summary: via('Credentials → an opaque token for `Authorization: Token …`', 'POST /api/v1/auth/token/'), security: [], body: Credentials, response: { 200: Type.Object({ token: Type.String() }), ...errorResponses(400, 401, 403, 429) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', '/api/v1/auth/token/', req.body)))

  app.get('/api/me/', {
    config: { access: 'user' },
    schema: { tags, summary: via('My profile', 'GET /api/v1/auth/me/'), response: { 200: Account, ...errorResponses(401, 403) } },
  }, async (req, reply) => relay(reply, await forward(app, req, 'GET', '/api/v1/auth/me/')))
}

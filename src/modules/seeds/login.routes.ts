import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses } from '../../lib/schemas'
import { Credentials, LoginResult } from '../sessions/sessions.schemas'
import { forward, relay } from './forward'
import { SEED_TAGS } from './tags'

/**
 * `POST /api/auth/login/` is a path of two seeds: 001 signs in by username, 002 by email.
 * One handler serves both — the canonical login takes either — and answers with
 * `access`, `refresh` and `user` (001's clients read the first two, 002's all three).
 */
export const seedLoginRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/api/auth/login/', {
    config: { access: 'public' },
    schema: {
      tags: [SEED_TAGS['001'].name, SEED_TAGS['002'].name], summary: 'Sign in by username (seed 001) or email (seed 002) — runs POST /api/v1/auth/login/',
      security: [], body: Credentials, response: { 200: LoginResult, ...errorResponses(400, 401, 403, 429, 503) },
    },
  }, async (req, reply) => relay(reply, await forward(app, req, 'POST', '/api/v1/auth/login/', req.body)))
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf, principalOf } from '../../plugins/auth'
import { errorResponses, NoContent } from '../../lib/schemas'
import { tokenNotValid } from '../../lib/errors'
import { RegisterBody } from '../users/users.schemas'
import { AuthResult, Credentials, LoginResult, PendingVerification, LogoutBody, RefreshBody, TokenPair, VerifyBody } from './sessions.schemas'
import * as auth from './sign-in.service'
import { createPersonalToken } from '../personal-tokens/personal-tokens.service'

const tags = ['auth']
const Empty = Type.Object({})

/** Registration, sign-in, token refresh and verification, sign-out. */
export const signInRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/register/', {
    config: { access: 'public', throttle: 'register', hashes: true },
    schema: { tags, summary: 'Create an account in the organization (X-Organization) and sign in (or, where the organization requires it, wait for email verification)', security: [], body: RegisterBody, response: { 201: Type.Union([AuthResult, PendingVerification]), ...errorResponses(400, 403, 404, 429, 503) } },
  }, async (req, reply) => reply.code(201).send(await auth.register(app.ctx, req.organizationId, req.body, actorOf(req))))

  app.post('/auth/login/', {
    config: { access: 'public', throttle: 'login', hashes: true },
    schema: { tags, summary: 'Sign in with username (or email) and password; with MFA on, answers {mfa_required, mfa_token} for /auth/mfa/verify/', security: [], body: Credentials, response: { 200: LoginResult, ...errorResponses(400, 401, 403, 429, 503) } },
  }, async (req) => auth.login(app.ctx, req.organizationId, req.body, actorOf(req)))

  app.post('/auth/token/refresh/', {
    config: { access: 'public' },
    schema: { tags, summary: 'Exchange a refresh token for a new pair (rotation with reuse detection)', security: [], body: RefreshBody, response: { 200: TokenPair, ...errorResponses(400, 401) } },
  }, async (req) => auth.refresh(app.ctx, req.body.refresh, actorOf(req)))

  app.post('/auth/token/verify/', {
    config: { access: 'public' },
    schema: { tags, summary: 'Check that a token is valid now', security: [], body: VerifyBody, response: { 200: Empty, ...errorResponses(400, 401) } },
  }, async (req) => {
    if (!(await auth.verifyToken(app.ctx, req.body.token))) throw tokenNotValid()
    return {}
  })

  app.post('/auth/token/', {
    config: { access: 'public', throttle: 'token', hashes: true },
    schema: { tags, summary: 'DRF authtoken flow: credentials → an opaque API key', security: [], body: Credentials, response: { 200: Type.Object({ token: Type.String() }), ...errorResponses(400, 401, 403, 429, 503) } },
  }, async (req) => {
    const user = await auth.authenticateForKey(app.ctx, req.organizationId, req.body, actorOf(req))
    const { key } = await createPersonalToken(app.ctx, user, { name: 'authtoken' }, { ...actorOf(req), actorType: 'user', actorId: user.id })
    return { token: key }
  })

  app.post('/auth/logout/', {
    config: { access: 'user' },
    schema: { tags, summary: 'End the session of this refresh token', body: LogoutBody, response: { 204: NoContent, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => {
    await auth.logout(app.ctx, principalOf(req), req.body.refresh, actorOf(req))
    return reply.code(204).send(null)
  })

  app.post('/auth/logout/all/', {
    config: { access: 'user' },
    schema: { tags, summary: 'End every session of the current user', response: { 204: NoContent, ...errorResponses(401, 403) } },
  }, async (req, reply) => {
    // A developer key has no sessions: refused like every "my account" endpoint, before anything is written.
    await auth.logoutAll(app.ctx, principalOf(req), actorOf(req))
    return reply.code(204).send(null)
  })
}

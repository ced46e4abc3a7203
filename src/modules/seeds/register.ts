import type { FastifyInstance, FastifyRequest } from 'fastify'
import { forward, type Forwarded } from './forward'

/**
 * Registration for seeds whose register endpoint answers with the user only (001, 004):
 * the canonical `POST /api/v1/auth/register/` signs the new user in, so the session it
 * opened — whose tokens this client never sees — is ended at once (`/auth/logout/`)
 * rather than left in the user's session list until it expires.
 */
export async function registerWithoutSession(app: FastifyInstance, req: FastifyRequest, body: unknown): Promise<Forwarded> {
  const res = await forward(app, req, 'POST', '/api/v1/auth/register/', body)
  if (res.status === 201 && res.body?.access) {
    const out = await forward(app, req, 'POST', '/api/v1/auth/logout/', { refresh: res.body.refresh }, { authorization: `Bearer ${res.body.access}` })
    if (out.status !== 204) req.log.warn({ status: out.status }, 'could not end the session opened by a seed registration')
  }
  return res
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import { authenticateRequest, checkPermission, rejectionOf } from './http.js'
import type { AccessToken, Verifier, VerifyOptions } from './verifier.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The verified access token, set by `authenticate()`. */
    auth?: AccessToken
  }
}

/** Returns the reply when it answered (Fastify's way to stop the request there). */
type Hook = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>

/**
 * A Fastify `onRequest` hook: verifies the bearer token and sets `request.auth`,
 * or answers 401 (`invalid_token`) / 503 itself. `{ online: true }` also asks the server
 * about revocation, for routes where a signed-out session must stop at once.
 */
export function authenticate(verifier: Verifier, options: VerifyOptions = {}): Hook {
  return async (req, reply) => {
    try {
      req.auth = await authenticateRequest(verifier, req.headers.authorization, options)
    } catch (err) {
      return refuse(reply, err)
    }
    return undefined
  }
}

/** A `preHandler` hook: 403 (`insufficient_scope`) unless `request.auth` holds this permission codename. */
export function requirePermission(codename: string): Hook {
  return async (req, reply) => {
    try {
      checkPermission(req.auth, codename)
    } catch (err) {
      return refuse(reply, err)
    }
    return undefined
  }
}

function refuse(reply: FastifyReply, err: unknown): FastifyReply {
  const rejection = rejectionOf(err)
  if (!rejection) throw err
  return reply.code(rejection.status).headers(rejection.headers).send(rejection.body)
}

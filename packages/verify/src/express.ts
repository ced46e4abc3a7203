import type { NextFunction, Request, RequestHandler, Response } from 'express'
import { authenticateRequest, checkPermission, rejectionOf } from './http.js'
import type { AccessToken, Verifier, VerifyOptions } from './verifier.js'

declare global {
  namespace Express {
    interface Request {
      /** The verified access token, set by `authenticate()`. */
      auth?: AccessToken
    }
  }
}

/**
 * Express middleware: verifies the bearer token and sets `req.auth`, or answers
 * 401 (`invalid_token`) / 503 itself. `{ online: true }` also asks the server about
 * revocation, for routes where a signed-out session must stop at once.
 */
export function authenticate(verifier: Verifier, options: VerifyOptions = {}): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    authenticateRequest(verifier, req.headers.authorization, options).then((token) => {
      req.auth = token
      next()
    }, (err: unknown) => refuse(res, next, err))
  }
}

/** 403 (`insufficient_scope`) unless `req.auth` holds this permission codename. Put it after `authenticate()`. */
export function requirePermission(codename: string): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      checkPermission(req.auth, codename)
    } catch (err) {
      return refuse(res, next, err)
    }
    next()
  }
}

function refuse(res: Response, next: NextFunction, err: unknown) {
  const rejection = rejectionOf(err)
  if (!rejection) return next(err)
  res.status(rejection.status).set(rejection.headers).json(rejection.body)
}

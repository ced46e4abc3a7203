import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import type { ErrorCode } from '../lib/error-codes'
import { ApiError, ValidationError, isUnavailable } from '../lib/errors'
import type { LoginOutcome, LoginStep } from '../lib/metrics'
import { AccountLocked } from '../modules/throttle/throttle'

/** The sign-in endpoints and the step each one is (the seeds' login paths forward to the first). */
const LOGIN_ROUTES: Record<string, LoginStep> = {
  '/api/v1/auth/login/': 'password',
  '/api/v1/auth/mfa/verify/': 'mfa',
  '/api/v1/auth/token/': 'token',
}

const OUTCOME_OF_CODE: Partial<Record<ErrorCode, LoginOutcome>> = {
  no_active_account: 'invalid_credentials',
  mfa_code_not_valid: 'invalid_code',
  token_not_valid: 'invalid_token',
  email_not_verified: 'email_not_verified',
  mfa_required: 'mfa_required',
  mfa_setup_required: 'mfa_setup_required',
  throttled: 'throttled',
  service_unavailable: 'unavailable',
}

/**
 * `commercecore_logins_total{step, outcome}`, counted from the outside: route hooks on the
 * sign-in endpoints read what the service answered (or threw), so the auth service holds
 * no metrics code. Only those routes get the hooks; every other request pays nothing.
 * Must be registered before the routes.
 */
export function registerLoginMetrics(app: FastifyInstance) {
  const outcomes = new WeakMap<FastifyRequest, LoginOutcome>()
  app.addHook('onRoute', (route) => {
    const step = route.method === 'POST' ? LOGIN_ROUTES[route.url] : undefined
    if (!step) return
    append(route, 'onError', async (req: FastifyRequest, _reply: FastifyReply, err: unknown) => { outcomes.set(req, outcomeOfError(err)) })
    append(route, 'preSerialization', async (req: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
      if (!outcomes.has(req)) outcomes.set(req, outcomeOfAnswer(payload))
      return payload
    })
    append(route, 'onResponse', async (req: FastifyRequest, reply: FastifyReply) => {
      app.ctx.metrics.logins.labels(step, outcomes.get(req) ?? outcomeOfStatus(reply.statusCode)).inc()
    })
  })
}

function append(route: RouteOptions, hook: 'onError' | 'preSerialization' | 'onResponse', fn: unknown) {
  const existing = route[hook]
  route[hook] = [...(existing ? [existing].flat() : []), fn] as never
}

function outcomeOfError(err: unknown): LoginOutcome {
  if (err instanceof AccountLocked) return 'locked'
  if (err instanceof ApiError) return OUTCOME_OF_CODE[err.code] ?? 'error'
  if (err instanceof ValidationError || (err as { statusCode?: number }).statusCode === 400) return 'invalid_request'
  return isUnavailable(err) ? 'unavailable' : 'error'
}

/** A body the route sent itself: tokens, or the MFA step. */
function outcomeOfAnswer(payload: unknown): LoginOutcome {
  const body = (payload ?? {}) as { mfa_required?: unknown }
  return body.mfa_required === true ? 'mfa_required' : 'success'
}

function outcomeOfStatus(status: number): LoginOutcome {
  if (status < 300) return 'success'
  if (status === 429) return 'throttled'
  if (status === 503) return 'unavailable'
  return status < 500 ? 'invalid_request' : 'error'
}

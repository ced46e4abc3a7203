import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Admission, InFlightLimit } from '../lib/admission'
import { serviceBusy } from '../lib/errors'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route computes a password hash (login, register, password change…): it passes the hash admission gate first. */
    hashes?: boolean
  }
  interface FastifyInstance {
    /** Sign-ins in flight per account (org + login as typed), checked before the user is looked up. */
    loginsInFlight: InFlightLimit
  }
  interface FastifyRequest {
    /** This request holds one of the hash admission tickets until its reply. */
    holdsHashTicket: boolean
    /** The gate turned this request away (503). */
    refusedByGate: boolean
  }
}

/**
 * Refusals of hash-bound routes (the gate's 503, every 429: throttled, locked, too many in
 * flight) are answered after this pause — a timer, no CPU — so a client that retries the
 * moment it is refused cannot turn cheap refusals into a flood of its own: each connection
 * gets at most 4 a second. Other errors (a dependency outage's 503 included) are not delayed.
 */
export const REFUSAL_DELAY_MS = 250

const busy = serviceBusy(1)
/** Serialized once: a rejection under a flood must cost next to nothing (no error object, no serializer). */
const BUSY_BODY = JSON.stringify(busy.body)

/**
 * Admission control of hash-bound routes, decided first thing in the request: before
 * authentication, throttle counters (Redis), body parsing and any database work. When every
 * hashing slot and queue place is spoken for, the answer is 503 `service_unavailable` with
 * Retry-After: 1, the same for every account and every caller, so a login flood is shed at
 * the cost of a counter check and the rest of the API keeps its event loop. Register first
 * among the hooks (its onSend delays refusals, see REFUSAL_DELAY_MS).
 */
export function registerHashAdmission(app: FastifyInstance, admission: Admission) {
  app.decorateRequest('holdsHashTicket', false)
  app.decorateRequest('refusedByGate', false)

  app.addHook('onRequest', (req, reply, done) => {
    if (!req.routeOptions.config?.hashes) return done()
    if (!admission.tryAdmit()) {
      req.refusedByGate = true
      return void sendBusy(reply)
    }
    req.holdsHashTicket = true
    done()
  })
  // The ticket is held until the handler has answered; onResponse covers a reply that skips onSend.
  const leave = (req: FastifyRequest) => {
    if (!req.holdsHashTicket) return
    req.holdsHashTicket = false
    admission.leave()
  }
  app.addHook('onSend', (req, reply, payload, done) => {
    leave(req)
    if (!req.routeOptions.config?.hashes || (reply.statusCode !== 429 && !req.refusedByGate)) return done(null, payload)
    setTimeout(() => done(null, payload), REFUSAL_DELAY_MS).unref()
  })
  app.addHook('onResponse', (req, _reply, done) => {
    leave(req)
    done()
  })
}

function sendBusy(reply: FastifyReply) {
  reply.code(busy.statusCode).headers(busy.headers).type('application/json; charset=utf-8').send(BUSY_BODY)
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { InteractionResults } from 'oidc-provider'
import { Type } from 'typebox'
import { ApiError, notFound, permissionDenied } from '../../lib/errors'
import { actorOf, userPrincipal } from '../../plugins/auth'
import { write } from '../../write'
import { linkSession } from './account'
import { scopesAllowed } from './grants'
import { findSessionUser } from './interaction.service'
import type { OidcProviders, OrganizationProvider } from './providers'

const hidden = { hide: true }
const Params = Type.Object({ org: Type.String({ maxLength: 100 }), uid: Type.String({ maxLength: 100 }) })
type InteractionRequest = FastifyRequest<{ Params: { org: string; uid: string } }>

/** The pending sign-in or consent of this browser (its interaction cookie), for this address's uid; else 404. */
async function interactionOf(providers: OidcProviders, req: InteractionRequest, reply: FastifyReply) {
  const entry = await providers.forSlug(req.params.org)
  if (!entry) throw notFound()
  const details = await entry.provider.interactionDetails(req.raw, reply.raw).catch(() => undefined)
  if (!details || details.uid !== req.params.uid) throw notFound()
  return { entry, details }
}

async function finish(entry: OrganizationProvider, req: InteractionRequest, reply: FastifyReply, result: InteractionResults) {
  const location = await entry.provider.interactionResult(req.raw, reply.raw, result, { mergeWithLastSubmission: true })
  return { location }
}

const Location = Type.Object({ location: Type.String() })
/** How recent the sign-in handed to the provider must be. */
const FRESH_SIGN_IN_MS = 10 * 60_000

/** Every step posts a JSON object (the hosted page sends `{}`): a bodiless POST, which any page may send without a preflight, is a 400. */
const StepBody = Type.Object({}, { additionalProperties: false })

/**
 * The steps of an authorization that are ours: the hosted page (web/src/authorize.tsx)
 * reads what the client asks (`details`), signs the user in with the JSON API — the same
 * throttles, lockout and second factor as everywhere — and hands that session over
 * (`login`), then asks for consent when the client is not first-party (`consent`), or
 * gives up (`abort`). The interaction cookie ties each call to the browser that started
 * the authorization; JSON bodies only, so no other site can post here.
 */
export const interactionRoutes: FastifyPluginAsyncTypebox<{ providers: OidcProviders }> = async (app, { providers }) => {
  const base = '/oidc/:org/interaction/:uid'
  app.get(`${base}/details`, { config: { access: 'public' }, schema: { hide: true, params: Params } }, async (req, reply) => {
    const { entry, details } = await interactionOf(providers, req, reply)
    const client = await entry.provider.Client.find(String(details.params.client_id))
    if (!client) throw notFound()
    const prompt = details.prompt as { name: string; reasons: string[]; details: { missingOIDCScope?: string[] } }
    return {
      prompt: prompt.name,
      client: { name: client.clientName ?? client.clientId },
      // What the answer covers: the scopes not granted yet, or, asked again (prompt=consent), all it asks for.
      scopes: prompt.details.missingOIDCScope?.length ? prompt.details.missingOIDCScope : scopesAllowed(String(details.params.scope ?? '').split(' '), client.scope),
      login_hint: typeof details.params.login_hint === 'string' ? details.params.login_hint : null,
      organization: entry.org.slug,
    }
  })

  app.post(`${base}/login`, { config: { access: 'user' }, schema: { ...hidden, params: Params, body: StepBody, response: { 200: Location } } }, async (req, reply) => {
    const { entry, details } = await interactionOf(providers, req, reply)
    const principal = userPrincipal(req)
    if (details.prompt.name !== 'login') throw new ApiError('conflict', { detail: 'This step is not waiting for a sign-in.' })
    if (principal.organizationId !== entry.org.id || !principal.sessionId) throw permissionDenied()
    const session = await findSessionUser(app.ctx.db, principal.sessionId)
    // A sign-in made on the page just now, not an old session's token: its `amr` (the second
    // factor the account has, so the one this sign-in passed) and `auth_time` are then true.
    if (!session || Date.now() - session.createdAt.getTime() > FRESH_SIGN_IN_MS) throw permissionDenied('Sign in again on this page.')
    const amr = session.mfaEnabled ? ['pwd', 'otp', 'mfa'] : ['pwd']
    // The browser's provider session now stands for this sign-in (an earlier one of it may have ended).
    if (details.session?.uid) await linkSession(app.ctx.db, entry.org.id, details.session.uid, principal.sessionId)
    return finish(entry, req, reply, {
      login: { accountId: principal.id, amr, ts: Math.floor(session.createdAt.getTime() / 1000) },
      commercecore: { sessionId: principal.sessionId },
    })
  })

  app.post(`${base}/consent`, { config: { access: 'public' }, schema: { ...hidden, params: Params, body: StepBody, response: { 200: Location } } }, async (req, reply) => {
    const { entry, details } = await interactionOf(providers, req, reply)
    const accountId = details.session?.accountId
    if (details.prompt.name !== 'consent' || !accountId) throw new ApiError('conflict', { detail: 'This step is not waiting for consent.' })
    const clientId = String(details.params.client_id)
    const { Grant } = entry.provider
    const grant = (details.grantId && await Grant.find(details.grantId)) || new Grant({ accountId, clientId })
    const missing = (details.prompt.details as { missingOIDCScope?: string[] }).missingOIDCScope ?? []
    if (missing.length) grant.addOIDCScope(missing.join(' '))
    const grantId = await grant.save()
    await write(app.ctx, async (_tx, w) => w.audit({ ...actorOf(req), actorType: 'user', actorId: accountId }, {
      organizationId: entry.org.id, action: 'oauth.consent_granted', targetType: 'oauth_client', targetId: null, metadata: { client_id: clientId, scopes: missing },
    }))
    return finish(entry, req, reply, { consent: { grantId } })
  })

  app.post(`${base}/abort`, { config: { access: 'public' }, schema: { ...hidden, params: Params, body: StepBody, response: { 200: Location } } }, async (req, reply) => {
    const { entry } = await interactionOf(providers, req, reply)
    return finish(entry, req, reply, { error: 'access_denied', error_description: 'The user cancelled the sign-in.' })
  })
}

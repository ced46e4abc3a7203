import { createCommerceCoreClient, type CommerceCoreClient } from '@commercecore/client'

/** What the emailed link carried. The token is kept in memory only (never in storage). */
export interface LinkParams { token: string | null; org: string | null }

/**
 * Reads `token` and `org` from the address, then removes the token from it (and from the
 * history entry), so it is not left in the history, a bookmark, or a shared screenshot.
 */
export function takeLinkParams(): LinkParams {
  const url = new URL(window.location.href)
  const token = url.searchParams.get('token')
  const org = url.searchParams.get('org')
  url.searchParams.delete('token')
  window.history.replaceState(null, '', url.pathname + url.search + url.hash)
  return { token: token || null, org: org || null }
}

/**
 * The public API of the server that served this page (same origin: the CSP allows nothing
 * else). No default `X-Organization`: the token alone names the account, so a wrong `org`
 * in the link must not break the reset — only the organization-name request sends it.
 */
export const api: CommerceCoreClient = createCommerceCoreClient({ baseUrl: window.location.origin })

/**
 * A DRF error body as field → messages (`detail` becomes `non_field_errors`). A string `code`
 * is the error's machine code; a list under `code` is a field's messages (the TOTP `code`).
 */
export function fieldErrors(body: unknown): Record<string, string[]> {
  if (!body || typeof body !== 'object') return {}
  const out: Record<string, string[]> = {}
  for (const [field, value] of Object.entries(body as Record<string, unknown>)) {
    if (field === 'code' && !Array.isArray(value)) continue
    const messages = (Array.isArray(value) ? value : [value]).filter((m): m is string => typeof m === 'string')
    if (messages.length) out[field === 'detail' ? 'non_field_errors' : field] = messages
  }
  return out
}

export const NETWORK_ERROR = 'The server could not be reached. Check your connection and try again.'
export const EXPIRED_LINK = 'This link is invalid, has expired or was already used. Ask for a new one.'

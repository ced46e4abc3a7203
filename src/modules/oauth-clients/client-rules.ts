/**
 * The rules of a client's settings that a JSON schema cannot say, checked on the settings
 * as they will be stored (a PATCH merged over the row). Pure: field errors, or none.
 */
export interface ClientSettings {
  type: 'confidential' | 'public'
  token_endpoint_auth_method: string
  redirect_uris: string[]
  post_logout_redirect_uris: string[]
  grant_types: string[]
  scopes: string[]
}

type Errors = Record<string, string[]>

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])
/** A private-use scheme (RFC 8252 §7.1): reverse domain name, so it holds a dot. */
const CUSTOM_SCHEME = /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/i

/** Why `uri` cannot be a redirect URI of a client of `type`, or undefined when it can. */
function redirectUriProblem(uri: string, type: ClientSettings['type']): string | undefined {
  if (/\s/.test(uri)) return `"${uri}" must not contain spaces.`
  const url = parsed(uri)
  if (!url) return `"${uri}" is not an absolute URI.`
  if (uri.includes('#')) return `"${uri}" must not contain a fragment.`
  if (url.username || url.password) return `"${uri}" must not contain a user name or password.`
  if (url.protocol === 'https:') return url.hostname ? undefined : `"${uri}" has no host.`
  if (url.protocol === 'http:') return LOOPBACK_HOSTS.has(url.hostname) ? undefined : `"${uri}" must use https (http only for localhost, 127.0.0.1 or [::1]).`
  if (!CUSTOM_SCHEME.test(url.protocol)) return `"${uri}" must use https, or a custom scheme holding a dot (com.example.app:/callback).`
  return type === 'public' ? undefined : `"${uri}": a custom scheme is only for public clients.`
}

const parsed = (uri: string): URL | undefined => {
  try { return new URL(uri) } catch { return undefined }
}
const isNativeRedirect = (url: URL | undefined) =>
  url !== undefined && ((url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) || CUSTOM_SCHEME.test(url.protocol))

/** A public client with a loopback or custom-scheme redirect URI is a native app (RFC 8252); any other client is a web app. */
export const isNativeApp = (s: Pick<ClientSettings, 'type' | 'redirect_uris'>) =>
  s.type === 'public' && s.redirect_uris.some((u) => isNativeRedirect(parsed(u)))

/**
 * What the provider refuses of each kind of app: a web app's URIs are http(s) only, and a
 * native app's https URIs are claimed links, never on a loopback host.
 */
function appTypeProblem(uri: string, native: boolean): string | undefined {
  const url = parsed(uri)
  if (!url) return undefined // reported as not absolute
  if (!native && CUSTOM_SCHEME.test(url.protocol)) return `"${uri}": a custom scheme is only for native apps (a public client with a custom-scheme or loopback redirect URI).`
  if (native && url.protocol === 'https:' && LOOPBACK_HOSTS.has(url.hostname)) return `"${uri}": a native app's https URIs must not use a loopback host (use http://127.0.0.1 instead).`
  return undefined
}

function uriErrors(uris: string[], s: ClientSettings): string[] {
  const native = isNativeApp(s)
  return uris.map((u) => redirectUriProblem(u, s.type) ?? appTypeProblem(u, native)).filter((p): p is string => p !== undefined)
}

function grantErrors(s: ClientSettings): string[] {
  const errors: string[] = []
  if (s.grant_types.includes('client_credentials') && s.type === 'public') errors.push('client_credentials is only for confidential clients.')
  if (s.grant_types.includes('refresh_token') && !s.grant_types.includes('authorization_code')) errors.push('refresh_token needs authorization_code.')
  return errors
}

function authMethodErrors(s: ClientSettings): string[] {
  if (s.type === 'public') return s.token_endpoint_auth_method === 'none' ? [] : ['A public client has no secret: the method is "none".']
  return s.token_endpoint_auth_method === 'none' ? ['A confidential client authenticates with client_secret_basic or client_secret_post.'] : []
}

/** Field errors of `s`; `allowedScopes` are the organization's (organizationScopes). */
export function clientSettingsErrors(s: ClientSettings, allowedScopes: string[]): Errors {
  const allowed = new Set(allowedScopes)
  const unknown = s.scopes.filter((scope) => !allowed.has(scope))
  const redirectErrors = uriErrors(s.redirect_uris, s)
  if (s.grant_types.includes('authorization_code') && s.redirect_uris.length === 0) redirectErrors.push('authorization_code needs at least one redirect URI.')
  const errors: Errors = {
    token_endpoint_auth_method: authMethodErrors(s),
    redirect_uris: redirectErrors,
    post_logout_redirect_uris: uriErrors(s.post_logout_redirect_uris, s),
    grant_types: grantErrors(s),
    scopes: unknown.map((scope) => `Unknown scope "${scope}".`),
  }
  return Object.fromEntries(Object.entries(errors).filter(([, messages]) => messages.length > 0))
}

/** What the provider's interaction asks for (GET …/details). */
export interface Details {
  prompt: 'login' | 'consent' | string
  client: { name: string }
  scopes: string[]
  login_hint: string | null
  organization: string
}

/** `/oidc/<org>/interaction/<uid>`: this page's own address names the step (no token in it). */
const [, , org = '', , uid = ''] = window.location.pathname.split('/')
export const organization = decodeURIComponent(org)
const base = `/oidc/${org}/interaction/${uid}`

export async function loadDetails(): Promise<Details | null> {
  const response = await fetch(`${base}/details`, { credentials: 'same-origin' })
  return response.ok ? ((await response.json()) as Details) : null
}

/**
 * Posts one step and follows the provider back to the client. JSON with a custom body
 * means no other site can send it (no simple form can), and the interaction cookie ties
 * it to this browser. `null`: the step was refused (expired, already used).
 */
export async function submitStep(step: 'login' | 'consent' | 'abort', accessToken?: string): Promise<boolean> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (accessToken) headers.authorization = `Bearer ${accessToken}`
  const response = await fetch(`${base}/${step}`, { method: 'POST', headers, body: '{}', credentials: 'same-origin' })
  if (!response.ok) return false
  const { location } = (await response.json()) as { location: string }
  window.location.assign(location)
  return true
}

const DESCRIPTIONS: Record<string, string> = {
  openid: 'Sign you in with your account',
  profile: 'See your name and username',
  email: 'See your email address',
  phone: 'See your phone number',
  offline_access: 'Stay signed in when you are not using it',
}

/** A permission codename in words: `view_orders` → "View orders". */
const codenameWords = (codename: string) => codename.charAt(0).toUpperCase() + codename.slice(1).replace(/_/g, ' ')

/** A scope in words; an API scope is one of the organization's permission codenames, as far as the user holds it. */
export const describeScope = (scope: string) => DESCRIPTIONS[scope] ?? `${codenameWords(scope)} on your behalf, within what your account may do`

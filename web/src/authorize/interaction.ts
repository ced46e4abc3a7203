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

/**
 * How a call to the interaction went: `gone` only when the provider no longer knows it (404:
 * expired, already used, another browser); `failed` for anything else (the network, an
 * outage, a throttle), which may work when tried again.
 */
export type Failure = 'gone' | 'failed'

/** What the step asks for, or why it cannot be shown. */
export async function loadDetails(): Promise<Details | Failure> {
  try {
    const response = await fetch(`${base}/details`, { credentials: 'same-origin' })
    if (!response.ok) return failureOf(response)
    return (await response.json()) as Details
  } catch {
    return 'failed'
  }
}

const failureOf = (response: Response): Failure => (response.status === 404 ? 'gone' : 'failed')

/**
 * Posts one step and follows the provider back to the client (`null`: on its way), or says
 * why not. JSON with a custom body means no other site can send it (no simple form can),
 * and the interaction cookie ties it to this browser.
 */
export async function submitStep(step: 'login' | 'consent' | 'abort', accessToken?: string): Promise<Failure | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (accessToken) headers.authorization = `Bearer ${accessToken}`
  try {
    const response = await fetch(`${base}/${step}`, { method: 'POST', headers, body: '{}', credentials: 'same-origin' })
    if (!response.ok) return failureOf(response)
    const { location } = (await response.json()) as { location: string }
    window.location.assign(location)
    return null
  } catch {
    return 'failed'
  }
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

import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import { describeJoseError } from './jose-errors.js'
import { invalidToken, unavailable, VerificationError } from './errors.js'

/** The algorithms a CommerceCore server signs with (`JWT_ALGORITHM`); nothing else is ever accepted. */
export const SERVER_ALGORITHMS = ['ES256', 'EdDSA'] as const
export type Algorithm = (typeof SERVER_ALGORITHMS)[number]

export interface VerifierOptions {
  /** The auth server's `PUBLIC_URL`: the exact `iss` of its tokens (a trailing `/` is ignored, as the server ignores it). */
  issuer: string
  /** The id of the organization this backend serves. A token of any other organization is rejected. */
  organization: string
  /** Where this backend reaches the auth server, if not at `issuer` (an internal address, say). */
  serverUrl?: string
  /** Accepted signature algorithms: default both the server can sign with. Narrow it to your `JWT_ALGORITHM`. */
  algorithms?: Algorithm[]
  /** Clock skew allowed when checking `exp`, `nbf` and `iat`, in seconds. Default 5. */
  clockToleranceSeconds?: number
  /** How long a fetched key set is used before it is fetched again. Default 10 minutes. */
  jwksCacheMaxAgeMs?: number
  /**
   * A token with an unknown `kid` refetches the key set at most this often. Default 5 s
   * (jose's is 30 s), so forged `kid`s cost the server one fetch per cooldown. A rotation
   * publishes the new key well before it signs (10 s more than the server's reload
   * delay), so keep this under 10 s or a verifier may refuse its first tokens.
   */
  jwksCooldownMs?: number
  /** Timeout of one key-set fetch and of one online check. Default 5 s. */
  timeoutMs?: number
}

/** A verified access token: who is calling, for which organization, with what permissions. */
export interface AccessToken {
  userId: string
  organizationId: string
  sessionId: string
  tokenId: string
  /** Role names and permission codenames when the token was issued (a snapshot: see the docs). */
  roles: readonly string[]
  permissions: readonly string[]
  issuedAt: Date
  expiresAt: Date
  claims: Readonly<JWTPayload>
}

export interface VerifyOptions {
  /** Also ask the server (`POST /api/v1/auth/token/verify/`) whether the session is still live. */
  online?: boolean
}

export interface Verifier {
  /** The token's claims, or a `VerificationError` (401, or 503 when nothing could be checked). */
  verify(token: string, options?: VerifyOptions): Promise<AccessToken>
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export function createVerifier(options: VerifierOptions): Verifier {
  const issuer = trimSlashes(options.issuer)
  const serverUrl = trimSlashes(options.serverUrl ?? options.issuer)
  if (!options.organization) throw new TypeError('createVerifier: `organization` (an organization id) is required')
  const algorithms = [...(options.algorithms ?? SERVER_ALGORITHMS)]
  if (!algorithms.length || algorithms.some((a) => !SERVER_ALGORITHMS.includes(a))) {
    throw new TypeError(`createVerifier: \`algorithms\` must be some of ${SERVER_ALGORITHMS.join(', ')} (what the server signs with)`)
  }
  const timeoutMs = options.timeoutMs ?? 5000
  const keys = remoteKeys(new URL(`${serverUrl}/.well-known/jwks.json`), options, timeoutMs)
  const verifyUrl = `${serverUrl}/api/v1/auth/token/verify/`
  const checks = {
    issuer,
    algorithms,
    clockTolerance: options.clockToleranceSeconds ?? 5,
    typ: 'JWT',
    requiredClaims: ['sub', 'org', 'sid', 'jti', 'iat', 'exp'],
  }

  return {
    async verify(token, verifyOptions = {}) {
      if (typeof token !== 'string' || !JWT_SHAPE.test(token)) throw invalidToken('malformed', 'Token is not a CommerceCore access token.')
      let payload: JWTPayload
      try {
        payload = (await jwtVerify(token, keys, checks)).payload
      } catch (err) {
        if (err instanceof VerificationError) throw err
        if (err instanceof errors.JOSEError) throw describeJoseError(err)
        throw err
      }
      const accessToken = toAccessToken(payload, options.organization)
      if (verifyOptions.online) await checkOnline(verifyUrl, token, options.organization, timeoutMs)
      return accessToken
    },
  }
}

/**
 * jose's remote key set: cached, refetched on an unknown `kid` (at most once per
 * cooldown), so a `keys rotate` on the server needs no restart here. A fetch that fails
 * means "cannot tell", not "invalid": it becomes 503.
 */
function remoteKeys(url: URL, options: VerifierOptions, timeoutMs: number): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, {
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 10 * 60_000,
    cooldownDuration: options.jwksCooldownMs ?? 5000,
    timeoutDuration: timeoutMs,
  })
  return async (header, token) => {
    try {
      return await remote(header, token)
    } catch (err) {
      if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw err
      throw unavailable('keys_unreachable', 'The signing keys could not be fetched.', err)
    }
  }
}

function toAccessToken(payload: JWTPayload, organization: string): AccessToken {
  const { sub, org, sid, jti, iat, exp, roles, perms } = payload
  if (payload.token_type !== 'access' || !isString(sub) || !isString(org) || !isString(sid) || !isString(jti) || !isStrings(roles) || !isStrings(perms)) {
    throw invalidToken('claims', 'Token claims are not valid.')
  }
  if (org !== organization) throw invalidToken('organization', 'Token is for another organization.')
  return {
    userId: sub, organizationId: org, sessionId: sid, tokenId: jti,
    roles: Object.freeze([...roles]), permissions: Object.freeze([...perms]),
    issuedAt: new Date((iat as number) * 1000), expiresAt: new Date((exp as number) * 1000),
    claims: Object.freeze({ ...payload }),
  }
}

/** The server's own answer: 200 live, 4xx not (revoked session, disabled account, deleted organization). */
async function checkOnline(url: string, token: string, organization: string, timeoutMs: number): Promise<void> {
  let status: number
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-organization': organization },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    status = res.status
    await res.arrayBuffer()
  } catch (err) {
    throw unavailable('server_unreachable', 'The auth server could not be reached to check the token.', err)
  }
  if (status === 200) return
  if (status >= 400 && status < 500 && status !== 429) throw invalidToken('revoked', 'Token has been revoked.')
  throw unavailable('server_unreachable', `The auth server answered ${status} to the token check.`)
}

/** Whether a verified token carries a permission codename (the `perms` claim). */
export const hasPermission = (token: AccessToken, codename: string): boolean => token.permissions.includes(codename)

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string')
const trimSlashes = (url: string) => url.replace(/\/+$/, '')

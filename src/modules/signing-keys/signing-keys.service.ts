import { createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto'
import { and, desc, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import { exportJWK, exportPKCS8, generateKeyPair, importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose'
import type { Db, Executor } from '../../db'
import { signingKeys } from '../../db/schema'
import { newId } from '../../lib/ids'
import type { SecretBox } from '../../lib/secrets'
import { isPublished, mayStillSign, signerAt, type KeyTimes } from './key-schedule'
import { secretMismatch } from './secret-check'

export interface AccessClaims extends JWTPayload {
  sub: string
  org: string
  sid: string
  jti: string
  token_type: 'access'
  roles: string[]
  perms: string[]
}

interface LoadedKey extends KeyTimes { kid: string; alg: string; publicJwk: JWK; publicKey: CryptoKey; privateKey?: KeyObject }

const ALGORITHMS = ['ES256', 'EdDSA']
const b64json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
/** Arbitrary constant: the advisory lock under which signing keys are created (the first one, and rotations). */
const SIGNING_KEY_LOCK = 7_316_002
/** Verified tokens kept in memory (jose's WebCrypto verify costs ~0.3 ms). Bounded. */
const VERIFY_CACHE_MAX = 50_000

/**
 * The JWT signing keys: the key whose signing window is open signs, every published key
 * verifies (src/modules/signing-keys/key-schedule.ts). Keys are read from the database (so
 * `keys rotate` reaches every instance): every SIGNING_KEY_RELOAD_SECONDS, on a
 * `signing-keys` invalidation, and on an unknown `kid` at most once a second. The signer
 * is picked again whenever a loaded key's window opens or closes, without a reload.
 */
export class KeyStore {
  private keys = new Map<string, LoadedKey>()
  private signer?: LoadedKey
  /** When the signer must be picked again: the next activation or retirement among the loaded keys. */
  private signerUntil = 0
  private lastLoad = 0
  private readonly verified = new Map<string, AccessClaims>()

  constructor(private readonly db: Db, private readonly box: SecretBox, private readonly opts: { issuer: string; accessLifetime: number; algorithm: 'ES256' | 'EdDSA'; clock?: () => number }) {}

  /** Decides which key signs and which are published (tests move it); token times use the real clock. */
  private now(): number { return this.opts.clock ? this.opts.clock() : Date.now() }

  /**
   * Loads keys; creates the first one if there is none. Instances starting together
   * create one between them (under a transaction-scoped advisory lock): with two, an
   * instance with another secret key would start, and fail on the other's key later.
   */
  async init(): Promise<void> {
    await this.load()
    if (this.currentSigner()) return
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${SIGNING_KEY_LOCK})`)
      const [active] = await tx.select({ id: signingKeys.id }).from(signingKeys).where(isNull(signingKeys.retiredAt)).limit(1)
      if (!active) await createSigningKey(tx, this.box, this.opts.algorithm)
    })
    await this.load()
  }

  async load(): Promise<void> {
    const rows = await this.db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt))
    const now = this.now()
    const keys = new Map<string, LoadedKey>()
    for (const row of rows) {
      const times = { activatesAt: row.activatesAt.getTime(), retiredAt: row.retiredAt?.getTime() ?? null, revokedAt: row.revokedAt?.getTime() ?? null }
      if (!isPublished(times, now, this.opts.accessLifetime)) continue // revoked, or its tokens have all expired
      const existing = this.keys.get(row.id)
      const publicKey = existing?.publicKey ?? ((await importJWK(row.publicJwk as JWK, row.algorithm)) as CryptoKey)
      const key: LoadedKey = { kid: row.id, alg: row.algorithm, publicJwk: row.publicJwk as JWK, publicKey, ...times }
      if (mayStillSign(times, now)) key.privateKey = existing?.privateKey ?? this.decryptPrivateKey(row)
      keys.set(row.id, key)
    }
    // A key withdrawn (compromise) or dropped: tokens it signed must not pass from the cache either.
    if ([...this.keys.keys()].some((kid) => !keys.has(kid))) this.verified.clear()
    this.keys = keys
    this.signerUntil = 0 // picked again on first use
    this.lastLoad = Date.now()
  }

  /** A key another instance encrypted with a different secret (started at the same time, both generating one) fails here. */
  private decryptPrivateKey(row: { id: string; privateKeyEncrypted: string }): KeyObject {
    let pem: string
    try {
      pem = this.box.decrypt(row.privateKeyEncrypted)
    } catch {
      throw secretMismatch(`this instance's secret key (signing key ${row.id})`)
    }
    return createPrivateKey(pem)
  }

  /** The key that signs now; picked again only when a loaded key's signing window opens or closes. */
  private currentSigner(): LoadedKey | undefined {
    const now = this.now()
    if (now >= this.signerUntil) {
      const { signer, until } = signerAt([...this.keys.values()].filter((k) => k.privateKey), now)
      this.signer = signer
      this.signerUntil = until
    }
    return this.signer
  }

  /** The key new tokens are signed with (start-up summary). */
  signingKey(): { kid: string; algorithm: string } | undefined {
    const signer = this.currentSigner()
    return signer && { kid: signer.kid, algorithm: signer.alg }
  }

  jwks(): { keys: JWK[] } {
    return { keys: [...this.keys.values()].map((k) => ({ ...k.publicJwk, kid: k.kid, alg: k.alg, use: 'sig' })) }
  }

  /**
   * Signs with node:crypto synchronously (~50 µs): jose's WebCrypto path hands every
   * signature to the thread pool, which costs more than the signature itself. jose still
   * does all verification.
   */
  async sign(claims: Omit<AccessClaims, 'iss' | 'iat' | 'exp' | 'token_type'>): Promise<string> {
    const key = this.currentSigner()
    if (!key?.privateKey) throw new Error('No signing key loaded')
    const iat = Math.floor(Date.now() / 1000)
    const header = b64json({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    const payload = b64json({ ...claims, token_type: 'access', iss: this.opts.issuer, iat, exp: iat + this.opts.accessLifetime })
    const input = Buffer.from(`${header}.${payload}`)
    const signature = key.alg === 'ES256'
      ? cryptoSign('sha256', input, { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
      : cryptoSign(null, input, key.privateKey)
    return `${header}.${payload}.${signature.toString('base64url')}`
  }

  /** Changes whenever the published keys or the signer do: the OpenID providers rebuild their key set then. */
  keySetVersion(): string {
    return `${this.currentSigner()?.kid ?? ''}|${[...this.keys.keys()].join(',')}`
  }

  /**
   * The OpenID provider's key set (it signs ID tokens): every published key with its
   * private half, which oidc-provider requires, the signer first, since it signs with the
   * first key of the algorithm.
   */
  async providerJwks(): Promise<JWK[]> {
    const signer = this.currentSigner()
    const kids = [...this.keys.keys()].sort((a, b) => Number(b === signer?.kid) - Number(a === signer?.kid))
    if (!kids.length) return []
    const rows = await this.db.select({ id: signingKeys.id, privateKeyEncrypted: signingKeys.privateKeyEncrypted }).from(signingKeys).where(inArray(signingKeys.id, kids))
    const byId = new Map(rows.map((r) => [r.id, r]))
    return kids.filter((kid) => byId.has(kid)).map((kid) => {
      const jwk = this.decryptPrivateKey(byId.get(kid) as { id: string; privateKeyEncrypted: string }).export({ format: 'jwk' }) as JWK
      return { ...jwk, kid, alg: this.keys.get(kid)?.alg, use: 'sig' }
    })
  }

  /** The claims of a token verified before and not expired yet (no crypto), else undefined. */
  verifiedBefore(token: string): AccessClaims | undefined {
    const cached = this.verified.get(token)
    if (!cached) return undefined
    if ((cached.exp ?? 0) * 1000 > Date.now()) return cached
    this.verified.delete(token)
    return undefined
  }

  /** Returns the claims of a valid access token, or undefined. Never throws for bad input. */
  async verify(token: string): Promise<AccessClaims | undefined> {
    if (this.verified.has(token)) return this.verifiedBefore(token)
    try {
      const { payload } = await jwtVerify(token, (header) => this.keyFor(header.kid), {
        issuer: this.opts.issuer,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat', 'jti'],
      })
      if (payload.token_type !== 'access' || typeof payload.org !== 'string' || typeof payload.sid !== 'string') return undefined
      const claims = payload as AccessClaims
      if (this.verified.size >= VERIFY_CACHE_MAX) this.verified.delete(this.verified.keys().next().value as string)
      this.verified.set(token, claims)
      return claims
    } catch {
      return undefined
    }
  }

  private async keyFor(kid: string | undefined): Promise<CryptoKey> {
    if (!kid) throw new Error('kid required')
    let key = this.keys.get(kid)
    if (!key && Date.now() - this.lastLoad > 1000) {
      await this.load()
      key = this.keys.get(kid)
    }
    if (!key) throw new Error('unknown kid')
    return key.publicKey
  }
}

async function createSigningKey(db: Executor, box: SecretBox, algorithm: 'ES256' | 'EdDSA', activatesAt?: Date): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair(algorithm, { extractable: true, crv: algorithm === 'EdDSA' ? 'Ed25519' : undefined })
  const kid = newId()
  await db.insert(signingKeys).values({
    id: kid,
    algorithm,
    publicJwk: await exportJWK(publicKey),
    privateKeyEncrypted: box.encrypt(await exportPKCS8(privateKey)),
    ...(activatesAt && { activatesAt }),
  })
  return kid
}

export interface Rotation {
  algorithm: 'ES256' | 'EdDSA'
  /** How long the new key is published before it signs (`activationDelayMs`); 0: at once. */
  activateInMs: number
  /** Compromise: withdraw every other key from the JWKS now (their tokens stop verifying). */
  revokeOthers: boolean
  now?: number
}

/**
 * `keys rotate`, in one transaction: a new key, published from now and signing from
 * `now + activateInMs`; every key still signing then stops at that moment (and stays
 * published until its tokens expire), or, with `revokeOthers`, is withdrawn at once.
 */
export async function rotateSigningKeys(db: Db, box: SecretBox, rotation: Rotation): Promise<{ kid: string; activatesAt: Date }> {
  const now = rotation.now ?? Date.now()
  const activatesAt = new Date(now + rotation.activateInMs)
  return db.transaction(async (tx) => {
    // Two rotations at once would each miss the other's new key and leave both signing.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SIGNING_KEY_LOCK})`)
    const kid = await createSigningKey(tx, box, rotation.algorithm, activatesAt)
    const others = ne(signingKeys.id, kid)
    await tx.update(signingKeys).set({ retiredAt: activatesAt }).where(and(others, or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, activatesAt))))
    if (rotation.revokeOthers) await tx.update(signingKeys).set({ revokedAt: new Date(now) }).where(and(others, isNull(signingKeys.revokedAt)))
    return { kid, activatesAt }
  })
}

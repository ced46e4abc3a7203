import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** 256-bit random token, URL-safe. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')

/**
 * High-entropy tokens (refresh tokens, API keys, reset links) are stored as SHA-256:
 * a slow hash adds nothing when the input already has 256 bits of entropy, and a
 * fast one keeps the lookup an index probe.
 */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex')

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a)
  const bb = Buffer.from(b)
  // Compare equal-length buffers so the length check does not short-circuit on content.
  return ab.length === bb.length ? timingSafeEqual(ab, bb) : (timingSafeEqual(ab, ab), false)
}

/** Keys derived from the one secret key, one per purpose, so no two uses share a key. */
export class SecretBox {
  private readonly encKey: Buffer
  private readonly macKey: Buffer

  constructor(secretKey: string) {
    this.encKey = createHmac('sha256', secretKey).update('commercecore:encryption').digest()
    this.macKey = createHmac('sha256', secretKey).update('commercecore:hmac').digest()
  }

  /** AES-256-GCM; output `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv)
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.')
  }

  decrypt(box: string): string {
    const [v, iv, tag, data] = box.split('.')
    if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unrecognised encrypted value')
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
  }

  /** Keyed PRF: derives a token from another one, so only this server can predict it. */
  derive(purpose: string, input: string): string {
    return createHmac('sha256', this.macKey).update(`${purpose}:${input}`).digest('base64url')
  }
}

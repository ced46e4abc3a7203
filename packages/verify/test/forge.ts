import { createHmac } from 'node:crypto'
import { generateKeyPair, SignJWT } from 'jose'

/** Tokens an attacker could make from a real one, for the verifier to refuse. */
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString())

const headerOf = (token: string) => decode(token.split('.')[0])
const payloadOf = (token: string) => decode(token.split('.')[1])

/** The real signature over changed claims (`org` swapped, `exp` pushed back, …). */
export function withClaims(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.')
  return `${header}.${encode({ ...decode(payload), ...changes })}.${signature}`
}

/** One character of the signature changed (in the middle: the last one may carry only padding bits). */
export function withFlippedSignature(token: string): string {
  const [header, payload, signature] = token.split('.')
  const i = Math.floor(signature.length / 2)
  return `${header}.${payload}.${signature.slice(0, i)}${signature[i] === 'A' ? 'B' : 'A'}${signature.slice(i + 1)}`
}

/** The classic algorithm confusion: HS256 "signed" with the server's public key as the HMAC secret. */
export function hmacWithPublicKey(token: string, publicJwk: object): string {
  const header = encode({ ...headerOf(token), alg: 'HS256' })
  const payload = token.split('.')[1]
  const mac = createHmac('sha256', JSON.stringify(publicJwk)).update(`${header}.${payload}`).digest('base64url')
  return `${header}.${payload}.${mac}`
}

export function withAlgNone(token: string): string {
  const [, payload, signature] = token.split('.')
  return `${encode({ ...headerOf(token), alg: 'none' })}.${payload}.${signature}`
}

/** Same claims, signed properly, but by a key of the attacker's own (under the given `kid`). */
export async function signedByOwnKey(token: string, kid: string): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256')
  return new SignJWT(payloadOf(token)).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey)
}

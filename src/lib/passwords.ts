import { createHash, pbkdf2, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2'
import bcrypt from 'bcryptjs'
import type { Admission } from './admission'

const pbkdf2Async = promisify(pbkdf2)
/** @node-rs/argon2's Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2

export interface HashParams { memoryCost: number; timeCost: number }

/**
 * argon2id hashing behind admission control. Also verifies the Django hash formats
 * that imports bring along (§9), so those users can sign in and be re-hashed.
 */
export class PasswordHasher {
  /** A real hash of a random string: unknown users are verified against it, so they cost one hash too. */
  private dummyHash: Promise<string>

  constructor(private readonly params: HashParams, private readonly admission: Admission) {
    this.dummyHash = this.hash(`dummy-${Math.random()}`)
  }

  hash(password: string): Promise<string> {
    return this.admission.run(() => argonHash(password, { algorithm: ARGON2ID, memoryCost: this.params.memoryCost, timeCost: this.params.timeCost, parallelism: 1 }))
  }

  /** Verifies against a stored hash; `null` (no usable password) still spends one hash and fails. */
  async verify(stored: string | null, password: string): Promise<boolean> {
    if (!stored) {
      await this.verify(await this.dummyHash, password)
      return false
    }
    return this.admission.run(() => verifyAny(stored, password))
  }

  /** True when the stored hash is not argon2id with the current parameters. */
  needsRehash(stored: string): boolean {
    const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored)
    return !m || Number(m[1]) !== this.params.memoryCost || Number(m[2]) !== this.params.timeCost || m[3] !== '1'
  }
}

async function verifyAny(stored: string, password: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) return argonVerify(stored, password).catch(() => false)
  // Django's argon2 hasher stores "argon2" + the PHC string.
  if (stored.startsWith('argon2$argon2')) return argonVerify(stored.slice('argon2'.length), password).catch(() => false)
  // Django's BCryptSHA256PasswordHasher: bcrypt over the hex SHA-256 of the password
  // (so passwords beyond bcrypt's 72 bytes still count); BCryptPasswordHasher: plain bcrypt.
  if (stored.startsWith('bcrypt_sha256$')) {
    const digest = createHash('sha256').update(password, 'utf8').digest('hex')
    return bcrypt.compare(digest, stored.slice('bcrypt_sha256$'.length)).catch(() => false)
  }
  if (stored.startsWith('bcrypt$')) return bcrypt.compare(password, stored.slice('bcrypt$'.length)).catch(() => false)
  const django = /^pbkdf2_(sha256|sha1)\$(\d+)\$([^$]+)\$(.+)$/.exec(stored)
  if (django) {
    const [, digest, iterations, salt, expected] = django
    const expectedBuf = Buffer.from(expected, 'base64')
    const actual = await pbkdf2Async(password, salt, Number(iterations), expectedBuf.length, digest)
    return actual.length === expectedBuf.length && timingSafeEqual(actual, expectedBuf)
  }
  return false
}

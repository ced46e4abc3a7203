import { isNull } from 'drizzle-orm'
import type { Config } from '../../config'
import type { Db } from '../../db'
import { signingKeys } from '../../db/schema'
import { generateSecretKey, readSecretKey } from '../../lib/secret-key'
import { SecretBox } from '../../lib/secrets'

const HOW = 'set COMMERCECORE_SECRET_KEY to the key the first instance uses (or copy its DATA_DIR/secret.key)'
const LOST = 'if that key is lost, `commercecore keys rotate --lost-secret-key` starts over with new signing keys'

/** `subject`: which key, e.g. "the secret key from COMMERCECORE_SECRET_KEY". */
export const secretMismatch = (subject: string) =>
  new Error(`${subject} does not match the one that encrypted the signing keys stored in the database: ${HOW}; ${LOST}`)

/**
 * The secret box, checked against the database before anything uses it: every active
 * signing key must decrypt with it. Without a configured key, one is generated only
 * into a database that holds no signing key yet: an instance that generated its own
 * next to another's keys would start, then fail on its first decryption.
 *
 * `acceptUnreadable` (keys rotate --lost-secret-key) skips the check, for a database
 * restored without its key: the rotation retires every key it cannot read.
 */
export async function openSecretBox(db: Db, config: Pick<Config, 'secretKey' | 'dataDir'>, opts: { acceptUnreadable?: boolean } = {}): Promise<SecretBox> {
  const stored = await db.select({ box: signingKeys.privateKeyEncrypted }).from(signingKeys).where(isNull(signingKeys.retiredAt))
  const found = readSecretKey(config.secretKey, config.dataDir)
  if (!found.key) {
    if (stored.length && !opts.acceptUnreadable) {
      throw new Error(`no secret key is set (COMMERCECORE_SECRET_KEY is empty and ${found.file} does not exist), and a new one does not match the one that encrypted the signing keys stored in the database: ${HOW}; ${LOST}`)
    }
    return new SecretBox(generateSecretKey(config.dataDir))
  }
  const box = new SecretBox(found.key)
  if (!opts.acceptUnreadable && !stored.every((row) => decrypts(box, row.box))) throw secretMismatch(`the secret key from ${found.origin}`)
  return box
}

function decrypts(box: SecretBox, value: string): boolean {
  try {
    box.decrypt(value)
    return true
  } catch {
    return false
  }
}

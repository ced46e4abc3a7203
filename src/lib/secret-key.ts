import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Where the secret key comes from: COMMERCECORE_SECRET_KEY, else DATA_DIR/secret.key.
 * Never generates one: whether a new key may be generated depends on the database
 * (src/modules/signing-keys/secret-check.ts), since a new key cannot read what an old one encrypted.
 */
export function readSecretKey(configured: string | undefined, dataDir: string): { key?: string; origin: string; file: string } {
  const file = path.join(dataDir, 'secret.key')
  if (configured) {
    if (configured.length < 32) throw new Error('COMMERCECORE_SECRET_KEY must be at least 32 characters')
    return { key: configured, origin: 'COMMERCECORE_SECRET_KEY', file }
  }
  try {
    return { key: readFileSync(file, 'utf8').trim(), origin: file, file }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    return { origin: file, file }
  }
}

/**
 * Generates the key of the zero-configuration embedded setup into DATA_DIR/secret.key
 * (mode 0600). Losing it makes stored signing keys and MFA secrets unreadable, so it
 * belongs in every backup of DATA_DIR.
 */
export function generateSecretKey(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key')
  mkdirSync(dataDir, { recursive: true })
  const key = randomBytes(48).toString('base64url')
  // 'wx' fails if another process created it first; then read theirs.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
    return key
  } catch {
    return readFileSync(file, 'utf8').trim()
  }
}

import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * COMMERCECORE_SECRET_KEY, or one generated once into DATA_DIR/secret.key (mode 0600)
 * for the zero-configuration embedded setup. Losing it makes stored signing keys and
 * MFA secrets unreadable, so it belongs in every backup of DATA_DIR.
 */
export function loadSecretKey(configured: string | undefined, dataDir: string): string {
  if (configured) {
    if (configured.length < 32) throw new Error('COMMERCECORE_SECRET_KEY must be at least 32 characters')
    return configured
  }
  const file = path.join(dataDir, 'secret.key')
  try {
    return readFileSync(file, 'utf8').trim()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
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

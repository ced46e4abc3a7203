import { createRequire } from 'node:module'

let common: Set<string> | undefined
/**
 * The 49k common passwords (~6 MiB in memory), loaded on the first check rather than at
 * start: a server or CLI command that never checks a password does not hold them.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> }
    common = new Set(dictionary['passwords-common'] ?? [])
  }
  return common
}

export interface PolicyUser { username?: string; email?: string; first_name?: string; last_name?: string }

/**
 * OWASP ASVS V2.1 password policy: length 12..128 (configurable minimum), any Unicode,
 * no composition rules, not a common password, not too close to the user's own
 * attributes, not all digits. Returns DRF-style messages; empty means acceptable.
 */
export function checkPassword(password: string, minLength: number, user: PolicyUser = {}): string[] {
  const errors: string[] = []
  const length = [...password].length
  if (length < minLength) errors.push(`This password is too short. It must contain at least ${minLength} characters.`)
  if (length > 128) errors.push('This password is too long. It must contain at most 128 characters.')
  if (commonPasswords().has(password.toLowerCase().trim())) errors.push('This password is too common.')
  if (/^\d+$/.test(password)) errors.push('This password is entirely numeric.')
  const similar = similarAttribute(password, user)
  if (similar) errors.push(`The password is too similar to the ${similar}.`)
  return errors
}

const attributeLabels: Record<keyof PolicyUser, string> = { username: 'username', email: 'email address', first_name: 'first name', last_name: 'last name' }

function similarAttribute(password: string, user: PolicyUser): string | undefined {
  const pw = password.toLowerCase()
  for (const key of Object.keys(attributeLabels) as (keyof PolicyUser)[]) {
    const value = user[key]?.toLowerCase()
    if (!value) continue
    // Like Django: compare with the whole value and each of its parts (split on punctuation).
    const parts = [value, ...value.split(/\W+/)].filter((p) => p.length >= 3)
    if (parts.some((part) => similarity(pw, part) >= 0.7 || (part.length >= 4 && pw.includes(part) && part.length / pw.length >= 0.5))) {
      return attributeLabels[key]
    }
  }
  return undefined
}

/** 1 - normalised Levenshtein distance. */
function similarity(a: string, b: string): number {
  if (a === b) return 1
  const max = Math.max(a.length, b.length)
  if (max === 0) return 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return 1 - prev[b.length] / max
}

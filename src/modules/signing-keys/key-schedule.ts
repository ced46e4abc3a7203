/**
 * When each signing key signs and when it is published, decided from its database row
 * alone, so every instance reaches the same answer without talking to the others.
 *
 * A scheduled rotation (`keys rotate`) inserts the new key with `activates_at` in the
 * future and sets the previous key's `retired_at` to that same moment. Until then every
 * instance publishes both keys and signs with the old one; from then on, the new one.
 * The delay (`activationDelayMs`) outlasts two reload intervals, so every instance has
 * reread the keys (and publishes the new one) before any signs with it, even one whose
 * reload failed once. A retired key stays published until the last token it signed has
 * expired (plus clock skew); a revoked one (compromise rotation) leaves at once.
 */

/** Tolerated clock difference between instances and verifiers (and a verifier's leeway). */
export const CLOCK_SKEW_SECONDS = 60
/** Over a verifier's refetch cooldown (5 s in @commercecore/verify) plus clock skew between instances. */
const ACTIVATION_MARGIN_MS = 10_000

/** How long a scheduled rotation publishes the new key before it signs. */
export const activationDelayMs = (reloadSeconds: number): number => 2 * reloadSeconds * 1000 + ACTIVATION_MARGIN_MS

/** A key's schedule, in epoch milliseconds. */
export interface KeyTimes { activatesAt: number; retiredAt: number | null; revokedAt: number | null }

/** In the JWKS at `now`: not revoked, and not retired longer ago than its tokens live (+ skew). */
export function isPublished(key: KeyTimes, now: number, accessLifetimeSeconds: number): boolean {
  if (key.revokedAt !== null) return false
  return key.retiredAt === null || key.retiredAt + (accessLifetimeSeconds + CLOCK_SKEW_SECONDS) * 1000 > now
}

/** Will sign at some point from `now` on (its private key is worth decrypting). */
export const mayStillSign = (key: KeyTimes, now: number): boolean => key.revokedAt === null && (key.retiredAt === null || key.retiredAt > now)

const signsAt = (key: KeyTimes, now: number) => mayStillSign(key, now) && key.activatesAt <= now

/**
 * The key that signs at `now`: the most recently activated one of those in their signing
 * window (the first of equals, so pass keys newest first). `until`: when the answer may
 * change next (a key activates or retires).
 *
 * No key in its window happens only in the instant after an immediate rotation on an
 * instance whose clock is behind the rotating one's: then the next key to activate
 * signs, rather than none. A scheduled rotation leaves no such gap (the old key retires
 * when the new one activates), so it never signs before its time.
 */
export function signerAt<K extends KeyTimes>(keys: K[], now: number): { signer?: K; until: number } {
  let signer: K | undefined
  let until = Infinity
  for (const key of keys) {
    if (!mayStillSign(key, now)) continue
    if (key.activatesAt > now) until = Math.min(until, key.activatesAt)
    else if (key.retiredAt !== null) until = Math.min(until, key.retiredAt)
    if (signsAt(key, now) && (!signer || key.activatesAt > signer.activatesAt)) signer = key
  }
  if (signer) return { signer, until }
  const next = keys.filter((k) => mayStillSign(k, now)).sort((a, b) => a.activatesAt - b.activatesAt)[0]
  return { signer: next, until }
}

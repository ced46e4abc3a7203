import { describe, expect, it } from 'vitest'
import { activationDelayMs, isPublished, signerAt } from './key-schedule'

const key = (kid: string, activatesAt: number, retiredAt: number | null = null, revokedAt: number | null = null) => ({ kid, activatesAt, retiredAt, revokedAt })

describe('the signing-key schedule', () => {
  it('hands over from the old key to the new one at the activation time, and says when', () => {
    const keys = [key('new', 1000), key('old', 0, 1000)] // newest first, as loaded
    expect(signerAt(keys, 999)).toEqual({ signer: keys[1], until: 1000 })
    expect(signerAt(keys, 1000)).toEqual({ signer: keys[0], until: Infinity })
  })

  it('a second rotation before the first activated: each key signs in its own window', () => {
    const keys = [key('third', 2000), key('second', 1000, 2000), key('first', 0, 1000)]
    expect(signerAt(keys, 500).signer?.kid).toBe('first')
    expect(signerAt(keys, 1500)).toEqual({ signer: keys[1], until: 2000 })
    expect(signerAt(keys, 2500).signer?.kid).toBe('third')
  })

  it('never signs with a revoked or retired key; with none in its window (clock behind an immediate rotation), the next one signs', () => {
    const keys = [key('new', 1000), key('old', 0, 900, 900)]
    expect(signerAt(keys, 950)).toEqual({ signer: keys[0], until: 1000 })
    expect(signerAt([key('old', 0, 900)], 950).signer).toBeUndefined()
  })

  it('publishes a retired key for the access-token lifetime + 60 s after it stopped signing; a revoked one not at all', () => {
    expect(isPublished(key('old', 0, 1000), 1000 + 359_999, 300)).toBe(true)
    expect(isPublished(key('old', 0, 1000), 1000 + 360_000, 300)).toBe(false)
    expect(isPublished(key('pending', 5000), 0, 300)).toBe(true)
    expect(isPublished(key('leaked', 0, 1000, 1000), 1000, 300)).toBe(false)
  })

  it('publishes a new key two reload intervals + 10 s before it signs', () => {
    expect(activationDelayMs(30)).toBe(70_000)
  })
})

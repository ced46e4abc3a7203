import type { Redis } from 'ioredis'

/**
 * Counters behind throttling and lockout. Every operation is atomic in the store itself
 * (one synchronous step in process, one Lua script in Redis), so parallel requests can
 * never read the same count: that is what keeps 50 parallel wrong guesses from getting
 * more than LOCKOUT_THRESHOLD password evaluations.
 */
export interface ThrottleStore {
  /** Fixed-window counter: adds one hit, returns the count in this window and ms until it ends. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>
  /**
   * Lockout: reserves one attempt slot for `key`, or refuses with the ms to wait. Slots
   * reserved = consecutive failures + attempts in flight, never more than `threshold`.
   */
  reserve(key: string, threshold: number, now: number): Promise<{ ok: true } | { ok: false; retryInMs: number }>
  /** The attempt failed: its slot stays taken; at `threshold` failures the key locks (then: true). */
  fail(key: string, threshold: number, now: number): Promise<boolean>
  /** The attempt was not judged (e.g. server busy): gives its slot back. */
  release(key: string): Promise<void>
  /** Success: forgets failures, lock level and slots. */
  clear(key: string): Promise<void>
}

const LOCK_BASE_MS = 60_000
const LOCK_MAX_MS = 86_400_000
/** Lockout state (and so the doubling level) is forgotten this long after the last failure. */
const LOCK_STATE_TTL_MS = 2 * LOCK_MAX_MS
const lockDuration = (level: number) => Math.min(LOCK_BASE_MS * 2 ** level, LOCK_MAX_MS)

interface LockState { slots: number; failures: number; level: number; lockedUntil: number; expiresAt: number }

/** One process: plain maps, each operation synchronous, hence atomic. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>()
  private readonly locks = new Map<string, LockState>()

  constructor(private readonly clock: () => number = Date.now, private readonly maxKeys = 100_000) {}

  async hit(key: string, windowMs: number) {
    const now = this.clock()
    let w = this.windows.get(key)
    if (!w || w.resetAt <= now) {
      this.evict(this.windows, (v) => v.resetAt <= now)
      w = { count: 0, resetAt: now + windowMs }
      this.windows.set(key, w)
    }
    w.count++
    return { count: w.count, resetInMs: w.resetAt - now }
  }

  async reserve(key: string, threshold: number, now: number) {
    const s = this.lock(key, now)
    if (s.lockedUntil > now) return { ok: false as const, retryInMs: s.lockedUntil - now }
    if (s.slots >= threshold) return { ok: false as const, retryInMs: lockDuration(s.level) }
    s.slots++
    s.expiresAt = now + LOCK_STATE_TTL_MS
    return { ok: true as const }
  }

  async fail(key: string, threshold: number, now: number) {
    const s = this.lock(key, now)
    s.failures++
    const locks = s.failures >= threshold
    if (locks) {
      s.lockedUntil = now + lockDuration(s.level)
      s.level++
      s.failures = 0
      s.slots = 0
    }
    s.expiresAt = now + LOCK_STATE_TTL_MS
    return locks
  }

  async release(key: string) {
    const s = this.locks.get(key)
    if (s && s.slots > 0) s.slots--
  }

  async clear(key: string) {
    this.locks.delete(key)
  }

  private lock(key: string, now: number): LockState {
    let s = this.locks.get(key)
    if (!s || s.expiresAt <= now) {
      this.evict(this.locks, (v) => v.expiresAt <= now)
      s = { slots: 0, failures: 0, level: 0, lockedUntil: 0, expiresAt: now + LOCK_STATE_TTL_MS }
      this.locks.set(key, s)
    }
    return s
  }

  /** Bounded memory: drop expired entries, then the oldest, when full. */
  private evict<V>(map: Map<string, V>, expired: (v: V) => boolean) {
    if (map.size < this.maxKeys) return
    for (const [k, v] of map) if (expired(v)) map.delete(k)
    while (map.size >= this.maxKeys) map.delete(map.keys().next().value as string)
  }
}

const HIT = `
local c = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {c, ttl}`

// KEYS[1] = lock hash; ARGV = threshold, now, base ms, max ms, state ttl ms
const RESERVE = `
local s = redis.call('HMGET', KEYS[1], 'slots', 'level', 'until')
local slots, level, lockedUntil = tonumber(s[1] or '0'), tonumber(s[2] or '0'), tonumber(s[3] or '0')
local now = tonumber(ARGV[2])
if lockedUntil > now then return {0, lockedUntil - now} end
if slots >= tonumber(ARGV[1]) then return {0, math.min(tonumber(ARGV[3]) * 2 ^ level, tonumber(ARGV[4]))} end
redis.call('HINCRBY', KEYS[1], 'slots', 1)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return {1, 0}`

const FAIL = `
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local locked = 0
if failures >= tonumber(ARGV[1]) then
  local level = tonumber(redis.call('HGET', KEYS[1], 'level') or '0')
  local duration = math.min(tonumber(ARGV[3]) * 2 ^ level, tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'until', tonumber(ARGV[2]) + duration, 'level', level + 1, 'failures', 0, 'slots', 0)
  locked = 1
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return locked`

const RELEASE = `
local slots = tonumber(redis.call('HGET', KEYS[1], 'slots') or '0')
if slots > 0 then redis.call('HINCRBY', KEYS[1], 'slots', -1) end
return 1`

/** Several instances: the same operations as Lua scripts, each atomic on the Redis server. */
export class RedisThrottleStore implements ThrottleStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async hit(key: string, windowMs: number) {
    const [count, ttl] = (await this.redis.eval(HIT, 1, `${this.prefix}rl:${key}`, windowMs)) as [number, number]
    return { count, resetInMs: ttl }
  }

  async reserve(key: string, threshold: number, now: number) {
    const [ok, retry] = (await this.redis.eval(RESERVE, 1, this.lockKey(key), threshold, now, LOCK_BASE_MS, LOCK_MAX_MS, LOCK_STATE_TTL_MS)) as [number, number]
    return ok === 1 ? { ok: true as const } : { ok: false as const, retryInMs: Number(retry) }
  }

  async fail(key: string, threshold: number, now: number) {
    return (await this.redis.eval(FAIL, 1, this.lockKey(key), threshold, now, LOCK_BASE_MS, LOCK_MAX_MS, LOCK_STATE_TTL_MS)) === 1
  }

  async release(key: string) {
    await this.redis.eval(RELEASE, 1, this.lockKey(key))
  }

  async clear(key: string) {
    await this.redis.del(this.lockKey(key))
  }

  private lockKey(key: string) { return `${this.prefix}lock:${key}` }
}

import type { Config } from '../config'
import { InvalidationBus, invalidationChannel } from '../lib/invalidation-bus'
import { connectRedis, whenReady } from '../lib/redis'
import { SIGNING_KEYS_TAG } from '../modules/signing-keys/key-schedule'
import type { CommandContext } from './types'

const quiet = { info() {}, warn() {} }

/**
 * After a command run by the CLI itself (PostgreSQL mode): tells the running instances
 * through the invalidation bus when REDIS_URL is set, so they drop those cached entries
 * and reread their signing keys now. Only sooner, never needed: without Redis (or while
 * it is down) they catch up by themselves, caches within AUTH_CACHE_TTL_SECONDS and keys
 * within SIGNING_KEY_RELOAD_SECONDS. Never fails the command, which has committed.
 */
export const notifyInstances = (config: Config): CommandContext['changed'] => async ({ keys, tags = [] }) => {
  const all = keys ? [...tags, SIGNING_KEYS_TAG] : tags
  if (!config.redisUrl || all.length === 0) return
  const redis = connectRedis(config.redisUrl, { role: 'commands', timeoutMs: config.redisTimeoutMs, log: quiet })
  try {
    await whenReady(redis, config.redisTimeoutMs * 2)
    await new InvalidationBus({ pub: redis, channel: invalidationChannel(config.redisPrefix), staleAfterMs: 0, log: quiet }).publish(all)
  } finally {
    redis.disconnect()
  }
}

import { EventEmitter } from 'node:events'
import type { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { InvalidationBus } from './invalidation-bus'

/** Just enough of a Redis connection: publish succeeds or fails at will, 'ready' on demand. */
class FakePublisher extends EventEmitter {
  up = false
  sent: string[][] = []
  async publish(_channel: string, message: string) {
    if (!this.up) throw new Error("Stream isn't writeable and enableOfflineQueue options is false")
    this.sent.push(JSON.parse(message) as string[])
    return 1
  }
}

const silent = { info() {}, warn() {} }

describe('InvalidationBus with Redis down', () => {
  it('invalidates locally, never throws, and publishes what still matters when Redis is back', async () => {
    let now = 0
    const pub = new FakePublisher()
    const bus = new InvalidationBus({ pub: pub as unknown as Redis, channel: 'c', staleAfterMs: 10_000, log: silent, clock: () => now })
    const local: string[][] = []
    bus.onInvalidate((tags) => local.push(tags))
    await bus.publish(['session:old'])
    now = 5_000
    await bus.publish(['session:new', 'user:1'])
    expect(local).toEqual([['session:old'], ['session:new', 'user:1']])
    now = 12_000 // `session:old` is moot: every remote entry it could concern has expired
    pub.up = true
    pub.emit('ready')
    await new Promise((r) => setImmediate(r))
    expect(pub.sent).toEqual([['session:new', 'user:1']])
  })
})

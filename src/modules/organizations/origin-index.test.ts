import { describe, expect, it } from 'vitest'
import { makeApp } from '../../../test/support/helpers'
import { tags } from '../../lib/cache-tags'
import { OriginIndex } from './origin-index'

const app = await makeApp()

describe('the CORS origin index', () => {
  it('stays loaded through invalidations that are not organization writes, and drops on one', async () => {
    const index = new OriginIndex(app.ctx.db, 60_000)
    // A sign-in's invalidation while the index loads must not discard the load.
    const pending = index.load()
    index.invalidate(['user:someone'])
    const loaded = await pending
    expect(index.current()).toBe(loaded)
    for (const tag of ['user:someone', 'session:some-session', 'org:some-org']) {
      index.invalidate([tag])
      expect(index.current(), tag).toBe(loaded)
    }
    index.invalidate([tags.organizationOrigins])
    expect(index.current()).toBeUndefined()
    await index.load()
    index.invalidate([tags.everything])
    expect(index.current()).toBeUndefined()
  })

  it('shares one load between concurrent callers', async () => {
    const index = new OriginIndex(app.ctx.db, 60_000)
    const [one, two] = [index.load(), index.load()]
    expect(one).toBe(two)
    await one
  })
})

import type { Database } from '../../db'
import { usersListDropped } from '../../lib/cache-tags'

/** The channel the users_list_notify migration's triggers NOTIFY on (payload: an organization id, or `*`). */
const CHANNEL = 'users_list'
/** At most this many pages are held (the oldest go first)… */
const MAX_PAGES = 256
/** …of which one organization holds at most this many (its own oldest go first): one tenant cannot evict all the others. */
const MAX_PAGES_PER_ORGANIZATION = 32
/** …and none larger than this: at most 32 MiB in all; a page of 50 users is ~27 KiB, of 200 ~110 KiB. */
const MAX_PAGE_BYTES = 128 * 1024

const toBuffer = (body: string | Buffer | ArrayBuffer) => (typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : Buffer.from(body))

interface Page { value: Buffer; expiresAt: number }
/** A read in progress; `dropped` once its organization's pages are dropped while it runs (then it is not stored). */
interface Load { organizationId: string; promise: Promise<Buffer>; dropped: boolean }

/**
 * Serialized GET /users/ pages, per organization and declared query fields. The answer
 * does not depend on who asks, once the route's permission check (which runs on every
 * request, before this) has passed: no field or filter of the list varies with the caller.
 *
 * Freshness comes from PostgreSQL, not from the code that writes: triggers NOTIFY after
 * every committed write to users, user_roles, roles or organizations (any process: this
 * server, another instance, a CLI command, plain SQL), and the organization's pages are
 * dropped on arrival. While the listening connection is down, nothing is served or stored
 * (a notification sent then is lost); when it is back, everything is dropped first. A
 * write through this instance also drops the writing organization's pages here before it
 * answers (`droppedByLocalWrite`), so its caller reads its own write without waiting for
 * the notification's trip; other organizations' pages stay.
 */
export class UserPageCache {
  /** Per organization, its pages by query key, oldest first. */
  private readonly pages = new Map<string, Map<string, Page>>()
  /** Every page's `organization\nquery` key, oldest first (the eviction order across organizations). */
  private readonly order = new Set<string>()
  /** Reads in progress, shared by the requests for the same page that arrive meanwhile (until its organization's pages are dropped). */
  private readonly loads = new Map<string, Load>()
  private live = false
  private stop: (() => Promise<void>) | undefined

  constructor(private readonly ttlMs: number) {}

  async start(database: Database): Promise<void> {
    this.stop = await database.listen(CHANNEL, {
      onMessage: (payload) => this.drop(payload),
      onLive: (live) => {
        this.live = live
        this.drop('*')
      },
    })
  }

  /** Listening: pages are served and stored. */
  get isLive(): boolean {
    return this.live
  }

  /** Pages held (all organizations, or one). */
  size(organizationId?: string): number {
    return organizationId === undefined ? this.order.size : (this.pages.get(organizationId)?.size ?? 0)
  }

  async close(): Promise<void> {
    await this.stop?.()
  }

  /** The page's JSON, from the cache or from `serialize()` (stored when the feed is live, nothing dropped it meanwhile, and it fits). */
  async getOrLoad(organizationId: string, queryKey: string, serialize: () => Promise<string | Buffer | ArrayBuffer>): Promise<Buffer> {
    if (!this.live) return toBuffer(await serialize())
    const hit = this.get(organizationId, queryKey)
    if (hit) return hit
    const key = `${organizationId}\n${queryKey}`
    // Ten requests that miss together read the page once: under writes a page is read again after each one, not ten times.
    const joined = this.loads.get(key)
    if (joined) return joined.promise
    const load: Load = { organizationId, dropped: false, promise: serialize().then(toBuffer) }
    this.loads.set(key, load)
    const forget = () => { if (this.loads.get(key) === load) this.loads.delete(key) }
    load.promise.then((value) => {
      forget()
      // A feed lost meanwhile has dropped everything, this load included.
      if (!load.dropped && this.ttlMs > 0 && value.length <= MAX_PAGE_BYTES) this.set(organizationId, queryKey, value)
    }, forget)
    return load.promise
  }

  /** After a write through this instance committed: drops the pages of the organizations its tags name (see the class comment). */
  droppedByLocalWrite(published: string[]): void {
    for (const organizationId of usersListDropped(published)) this.drop(organizationId)
  }

  private get(organizationId: string, queryKey: string): Buffer | undefined {
    const page = this.pages.get(organizationId)?.get(queryKey)
    if (!page) return undefined
    if (page.expiresAt > Date.now()) return page.value
    this.remove(organizationId, queryKey)
    return undefined
  }

  private set(organizationId: string, queryKey: string, value: Buffer): void {
    let own = this.pages.get(organizationId)
    if (!own) this.pages.set(organizationId, (own = new Map()))
    this.remove(organizationId, queryKey)
    if (own.size >= MAX_PAGES_PER_ORGANIZATION) this.remove(organizationId, own.keys().next().value as string)
    else if (this.order.size >= MAX_PAGES) this.removeKey(this.order.values().next().value as string)
    own.set(queryKey, { value, expiresAt: Date.now() + this.ttlMs })
    this.pages.set(organizationId, own) // again: the eviction above may have emptied and removed it
    this.order.add(`${organizationId}\n${queryKey}`)
  }

  private removeKey(key: string): void {
    const cut = key.indexOf('\n')
    this.remove(key.slice(0, cut), key.slice(cut + 1))
  }

  private remove(organizationId: string, queryKey: string): void {
    const own = this.pages.get(organizationId)
    if (!own?.delete(queryKey)) return
    this.order.delete(`${organizationId}\n${queryKey}`)
    if (own.size === 0) this.pages.delete(organizationId)
  }

  /**
   * Drops an organization's pages (`*`: every one), and its reads in progress: they are not
   * stored, and a request arriving now never joins one. Reads of other organizations go on
   * and are stored (a write in one tenant does not cool another's cache).
   */
  private drop(organizationId: string): void {
    for (const [key, load] of this.loads) {
      if (organizationId !== '*' && load.organizationId !== organizationId) continue
      load.dropped = true
      this.loads.delete(key)
    }
    if (organizationId === '*') {
      this.pages.clear()
      this.order.clear()
      return
    }
    for (const queryKey of this.pages.get(organizationId)?.keys() ?? []) this.order.delete(`${organizationId}\n${queryKey}`)
    this.pages.delete(organizationId)
  }
}

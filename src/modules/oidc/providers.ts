import type { IncomingMessage, ServerResponse } from 'node:http'
import type Provider from 'oidc-provider'
import type { AdapterPayload } from 'oidc-provider'
import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import { TaggedCache } from '../../lib/invalidation'
import { findOrganizationByIdOrSlug } from '../organizations/organizations.repository'
import { SLUG_PATTERN } from '../organizations/organizations.schemas'
import type { OrganizationRef } from './provider'

const SLUG = new RegExp(SLUG_PATTERN)

/** A provider is rebuilt at least this often (its scopes are the organization's permissions). */
const PROVIDER_TTL_MS = 60_000

export interface OrganizationProvider {
  org: OrganizationRef
  provider: Provider
  handle: (req: IncomingMessage, res: ServerResponse) => void
  /** The signing keys it was built with (KeyStore.keySetVersion). */
  keySet: string
}

/**
 * The organizations' OpenID providers, built on first use and kept until the organization
 * (its slug, permissions, deletion) or the signing keys change. Only a live organization's
 * own slug names one: `/oidc/<uuid>/` is not an alias.
 */
export class OidcProviders {
  private readonly providers: TaggedCache<OrganizationProvider>
  /** Slugs that name no live organization, apart: a stream of made-up slugs cannot push the real providers out. */
  private readonly misses: TaggedCache<true>
  private readonly clients: TaggedCache<AdapterPayload | null>
  /** Builds in flight, by slug: requests arriving together share one. */
  private readonly building = new Map<string, Promise<OrganizationProvider | null>>()

  constructor(private readonly ctx: AppContext, private readonly stylesheet?: string) {
    const ttl = ctx.config.authCacheTtlSeconds * 1000
    // Built from the database, so rebuilt on an invalidation; the longer lifetime only
    // bounds how stale a missed one (no Redis, another instance's write) leaves the scopes.
    this.providers = new TaggedCache(Math.max(ttl, PROVIDER_TTL_MS), 1000)
    this.misses = new TaggedCache(5000, 10_000)
    this.clients = new TaggedCache(ttl)
    ctx.bus.onInvalidate((t) => {
      for (const cache of [this.providers, this.misses, this.clients]) cache.invalidate(t)
    })
  }

  async forSlug(slug: string): Promise<OrganizationProvider | undefined> {
    if (!SLUG.test(slug) || this.misses.get(slug)) return undefined
    const keySet = this.ctx.keys.keySetVersion()
    const found = await this.cachedOrBuilt(slug, keySet)
    if (!found || found.keySet === keySet) return found ?? undefined
    this.providers.invalidate([tags.org(found.org.id)])
    return (await this.cachedOrBuilt(slug, keySet)) ?? undefined
  }

  private cachedOrBuilt(slug: string, keySet: string): Promise<OrganizationProvider | null> {
    const hit = this.providers.get(slug)
    if (hit) return Promise.resolve(hit)
    let build = this.building.get(slug)
    if (!build) {
      build = this.build(slug, keySet).finally(() => this.building.delete(slug))
      this.building.set(slug, build)
    }
    return build
  }

  private async build(slug: string, keySet: string): Promise<OrganizationProvider | null> {
    let org: OrganizationRef | undefined
    await this.misses.getOrLoad(slug, async () => {
      const row = await findOrganizationByIdOrSlug(this.ctx.db, slug)
      if (row?.slug === slug) org = { id: row.id, slug: row.slug }
      return { value: true, tags: [tags.newOrganization], ttlMs: org ? 0 : 5000 } // remembered only when missing
    })
    return org ? this.providers.getOrLoad(slug, () => this.load(org as OrganizationRef, keySet)) : null
  }

  private async load(org: OrganizationRef, keySet: string) {
    // Loaded on first use: a server whose organizations never use OpenID Connect never loads oidc-provider and Koa.
    const { buildProvider } = await import('./provider')
    const provider = await buildProvider(this.ctx, org, { clients: this.clients, stylesheet: this.stylesheet })
    return { value: { org, provider, handle: provider.callback(), keySet }, tags: [tags.org(org.id), tags.oidcProvider(org.id), tags.signingKeys] }
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http'
import type Provider from 'oidc-provider'
import type { AdapterPayload } from 'oidc-provider'
import type { AppContext } from '../../context'
import { tags } from '../../lib/cache-tags'
import { TaggedCache } from '../../lib/invalidation'
import { findOrganizationByIdOrSlug } from '../organizations/organizations.repository'
import type { OrganizationRef } from './provider'

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
  private readonly providers: TaggedCache<OrganizationProvider | null>
  private readonly clients: TaggedCache<AdapterPayload | null>

  /** Builds in flight, by slug: requests arriving together share one. */
  private readonly building = new Map<string, Promise<OrganizationProvider | null>>()

  constructor(private readonly ctx: AppContext, private readonly stylesheet?: string) {
    const ttl = ctx.config.authCacheTtlSeconds * 1000
    // Built from the database, so rebuilt on an invalidation; the longer lifetime only
    // bounds how stale a missed one (no Redis, another instance's write) leaves the scopes.
    this.providers = new TaggedCache(Math.max(ttl, PROVIDER_TTL_MS), 1000)
    this.clients = new TaggedCache(ttl)
    ctx.bus.onInvalidate((t) => {
      this.providers.invalidate(t)
      this.clients.invalidate(t)
    })
  }

  async forSlug(slug: string): Promise<OrganizationProvider | undefined> {
    const keySet = this.ctx.keys.keySetVersion()
    const found = await this.cachedOrBuilt(slug, keySet)
    if (found && found.keySet === keySet) return found
    if (!found) return undefined
    this.providers.invalidate([tags.org(found.org.id)])
    return (await this.cachedOrBuilt(slug, keySet)) ?? undefined
  }

  private async cachedOrBuilt(slug: string, keySet: string): Promise<OrganizationProvider | null> {
    const hit = this.providers.get(slug)
    if (hit !== undefined) return hit
    let build = this.building.get(slug)
    if (!build) {
      build = this.providers.getOrLoad(slug, () => this.load(slug, keySet)).finally(() => this.building.delete(slug))
      this.building.set(slug, build)
    }
    return build
  }

  private async load(slug: string, keySet: string) {
    const row = await findOrganizationByIdOrSlug(this.ctx.db, slug)
    if (!row || row.slug !== slug) return { value: null, tags: [tags.newOrganization], ttlMs: 5000 }
    const org = { id: row.id, slug: row.slug }
    // Loaded on first use: a server whose organizations never use OpenID Connect never loads oidc-provider and Koa.
    const { buildProvider } = await import('./provider')
    const provider = await buildProvider(this.ctx, org, { clients: this.clients, stylesheet: this.stylesheet })
    return { value: { org, provider, handle: provider.callback(), keySet }, tags: [tags.org(org.id), tags.signingKeys] }
  }
}

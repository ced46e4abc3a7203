import { and, eq, gt, isNull, or, sql } from 'drizzle-orm'
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider'
import { preparedPerDb, type Db } from '../../db'
import { oauthArtifacts } from '../../db/schema'
import { sha256 } from '../../lib/secrets'

/** What the provider's artifacts mean to the rest of the service: a revoked token or grant drops its cached principals. */
export interface ArtifactEvents {
  destroyed(idHash: string): void
  grantRevoked(grantId: string): void
}

/** Looks up OAuth clients (our `oauth_clients`, never the artifacts table). */
export type ClientLookup = (clientId: string) => Promise<AdapterPayload | undefined>

const live = () => or(isNull(oauthArtifacts.expiresAt), gt(oauthArtifacts.expiresAt, sql`now()`))
const byId = () => and(
  eq(oauthArtifacts.kind, sql.placeholder('kind')), eq(oauthArtifacts.idHash, sql.placeholder('hash')), eq(oauthArtifacts.organizationId, sql.placeholder('org')),
)

/** The artifact reads and writes every grant makes, prepared once per connection (a refresh makes several). */
const findArtifact = preparedPerDb((db) => db.select({ payload: oauthArtifacts.payload, consumedAt: oauthArtifacts.consumedAt })
  .from(oauthArtifacts).where(and(byId(), live())).limit(1).prepare('oauth_artifact_find'))
/** Consumes once: a second, concurrent use of the same code or refresh token finds nothing to update. */
const consumeArtifact = preparedPerDb((db) => db.update(oauthArtifacts).set({ consumedAt: sql`now()` })
  .where(and(byId(), isNull(oauthArtifacts.consumedAt))).returning({ grantId: oauthArtifacts.grantId }).prepare('oauth_artifact_consume'))

/** The kinds whose ids are bearer access tokens on the API: only their removal drops cached principals. */
const ACCESS_KINDS = new Set(['AccessToken', 'ClientCredentials'])

/**
 * oidc-provider's storage for one organization, in `oauth_artifacts`. Rows are keyed by
 * the SHA-256 of the id — for codes and tokens the id is the credential itself — and the
 * id is left out of the stored payload, so a copy of the table holds nothing that can be
 * presented. Every read is confined to the organization. `Client` is answered from the
 * registered clients instead.
 */
export function artifactAdapter(db: Db, organizationId: string, findClient: ClientLookup, events: ArtifactEvents) {
  /** Every artifact of a grant (a lost race on consume: the whole grant goes, as on a replay). */
  const revokeGrant = async (grantId: string) => {
    const ofGrant = or(eq(oauthArtifacts.grantId, grantId), and(eq(oauthArtifacts.kind, 'Grant'), eq(oauthArtifacts.idHash, sha256(grantId))))
    await db.delete(oauthArtifacts).where(and(ofGrant, eq(oauthArtifacts.organizationId, organizationId)))
    events.grantRevoked(grantId)
  }
  return class ArtifactAdapter implements Adapter {
    constructor(private readonly kind: string) {}

    private key(id: string) {
      return { kind: this.kind, hash: sha256(id), org: organizationId }
    }

    private where(id: string) {
      return and(eq(oauthArtifacts.kind, this.kind), eq(oauthArtifacts.idHash, sha256(id)), eq(oauthArtifacts.organizationId, organizationId))
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      const { jti: _id, ...stored } = payload
      const row = {
        payload: stored as Record<string, unknown>,
        grantId: payload.grantId ?? null,
        sessionUid: payload.kind === 'Session' ? (payload.uid ?? null) : (payload.sessionUid ?? null),
        accountId: payload.accountId ?? null,
        clientId: payload.clientId ?? null,
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      }
      await db.insert(oauthArtifacts).values({ kind: this.kind, idHash: sha256(id), organizationId, ...row })
        .onConflictDoUpdate({ target: [oauthArtifacts.kind, oauthArtifacts.idHash], set: row, setWhere: eq(oauthArtifacts.organizationId, organizationId) })
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.kind === 'Client') return findClient(id)
      const [row] = await findArtifact(db).execute(this.key(id))
      if (!row) return undefined
      const consumed = row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}
      return { ...row.payload, ...consumed, jti: id } as AdapterPayload
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const [row] = await db.select({ payload: oauthArtifacts.payload }).from(oauthArtifacts)
        .where(and(eq(oauthArtifacts.kind, this.kind), eq(oauthArtifacts.sessionUid, uid), eq(oauthArtifacts.organizationId, organizationId), live())).limit(1)
      // Read only (is the token's browser session still there?): the session's id, its cookie, is not stored.
      return row?.payload as AdapterPayload | undefined
    }

    async findByUserCode(): Promise<undefined> {
      return undefined // the device flow is not enabled
    }

    /**
     * oidc-provider checks `consumed` and then consumes: two requests presenting one code or
     * refresh token at once would both pass the check. The loser of this update is treated
     * as the reuse it is: its grant is revoked and it gets `invalid_grant`.
     */
    async consume(id: string): Promise<void> {
      if ((await consumeArtifact(db).execute(this.key(id))).length) return
      const [row] = await db.select({ grantId: oauthArtifacts.grantId }).from(oauthArtifacts).where(this.where(id)).limit(1)
      if (row?.grantId) await revokeGrant(row.grantId)
      throw new errors.InvalidGrant(`${this.kind === 'RefreshToken' ? 'refresh token' : 'authorization code'} already used`)
    }

    async destroy(id: string): Promise<void> {
      await db.delete(oauthArtifacts).where(this.where(id))
      if (ACCESS_KINDS.has(this.kind)) events.destroyed(sha256(id))
    }

    /** Called once per token kind of a revoked grant; the access tokens' call drops their cached principals. */
    async revokeByGrantId(grantId: string): Promise<void> {
      await db.delete(oauthArtifacts).where(and(eq(oauthArtifacts.kind, this.kind), eq(oauthArtifacts.grantId, grantId), eq(oauthArtifacts.organizationId, organizationId)))
      if (this.kind === 'AccessToken') events.grantRevoked(grantId)
    }
  }
}

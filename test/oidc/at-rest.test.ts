import { eq, sql } from 'drizzle-orm'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { oauthArtifacts } from '../../src/db/schema'
import { sha256 } from '../../src/lib/secrets'
import { signInWithProvider, organizationWithClient, startOidcServer, type OidcServer } from '../support/oidc-helpers'

let server: OidcServer
beforeAll(async () => { server = await startOidcServer() })
afterAll(() => server.app.close())

describe('nothing that can be presented is stored (oauth_artifacts)', () => {
  it('after sign-in, exchange and refresh, no code, token, session id, secret or sign-in token appears in any row', async () => {
    const { org, user, rp, client } = await organizationWithClient(server)
    const { tokens, back, jar, signedIn } = await signInWithProvider(server, rp, org, user, { offline: true })
    const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token!)
    const secrets = {
      code: new URL(back).searchParams.get('code')!, access: tokens.access_token, refresh: tokens.refresh_token!,
      rotatedAccess: refreshed.access_token, rotatedRefresh: refreshed.refresh_token!, session: jar.value('_cc_session')!, clientSecret: client.secret!,
      signInAccess: signedIn.access, signInRefresh: signedIn.refresh, // the sign-in the hosted page made for the login step
    }
    for (const [name, value] of Object.entries(secrets)) expect(value, name).toMatch(/^[\w.-]{20,}$/)

    const rows = await server.app.ctx.db.select({ kind: oauthArtifacts.kind, idHash: oauthArtifacts.idHash, text: sql<string>`${oauthArtifacts.payload}::text` })
      .from(oauthArtifacts).where(eq(oauthArtifacts.organizationId, org.id))
    // The artifacts are there, keyed by their hashes: the search below looks where they live.
    const stored = new Set(rows.map((r) => `${r.kind}:${r.idHash}`))
    for (const [kind, value] of [['AuthorizationCode', secrets.code], ['AccessToken', secrets.rotatedAccess], ['RefreshToken', secrets.rotatedRefresh], ['Session', secrets.session]]) {
      expect(stored.has(`${kind}:${sha256(value)}`), kind).toBe(true)
    }
    for (const row of rows) {
      for (const [name, value] of Object.entries(secrets)) {
        expect(row.idHash.includes(value) || row.text.includes(value), `${name} in a ${row.kind} row`).toBe(false)
      }
    }
  })
})

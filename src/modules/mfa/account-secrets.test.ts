import { sql } from 'drizzle-orm'
import { TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { call, createOrg, makeApp, PASSWORD, registerUser } from '../../../test/support/helpers'
import { captureMail, settle, tokenIn } from '../../../test/support/security-helpers'

const app = await makeApp()
const sent = captureMail(app)
const org = await createOrg(app)

/** Every text value of the tables that hold single-use tokens and MFA material. */
async function dump(): Promise<string> {
  const parts: string[] = []
  for (const table of ['one_time_tokens', 'mfa_recovery_codes', 'users', 'audit_events']) {
    const res = await app.ctx.db.execute(sql`SELECT row_to_json(t)::text AS j FROM ${sql.identifier(table)} t WHERE t.organization_id = ${org.id}`)
    const rows = (Array.isArray(res) ? res : (res as { rows: Array<{ j: string }> }).rows) as Array<{ j: string }>
    parts.push(...rows.map((r) => r.j))
  }
  return parts.join('\n')
}

describe('secrets at rest (account security)', () => {
  it('stores no reset, verification or MFA token, TOTP secret or recovery code in plaintext', async () => {
    const u = await registerUser(app, org)
    await settle(app)
    const verifyToken = tokenIn(sent.find((m) => m.to === u.user.email && m.subject === 'Confirm your email address')?.text as string)
    await call(app, 'POST', '/api/v1/auth/password/forgot/', { org: org.slug, body: { email: u.user.email } })
    await settle(app)
    const resetToken = tokenIn(sent.find((m) => m.to === u.user.email && m.subject === 'Reset your password')?.text as string)
    const setup = await call(app, 'POST', '/api/v1/auth/mfa/totp/', { token: u.access })
    const code = new TOTP({ secret: setup.body.secret }).generate()
    const confirm = await call(app, 'POST', '/api/v1/auth/mfa/totp/confirm/', { token: u.access, body: { code } })
    const challenge = await call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username: u.user.username, password: PASSWORD } })
    expect(challenge.body.mfa_required).toBe(true)

    const text = await dump()
    expect(text).toContain(u.user.id) // the dump did read this user's rows
    for (const secret of [verifyToken, resetToken, setup.body.secret, challenge.body.mfa_token, ...confirm.body.recovery_codes, ...confirm.body.recovery_codes.map((c: string) => c.replace('-', ''))]) {
      expect(secret.length).toBeGreaterThan(8)
      expect(text.includes(secret)).toBe(false)
    }
  })
})

import type { AppContext } from '../../context'
import { sha256 } from '../../lib/secrets'
import { signAccess, verifyToken } from '../sessions/sign-in.service'
import { findRefreshToken } from '../sessions/sessions.repository'

/**
 * Seed 001's refresh (`{refresh}` → `{access}`): simplejwt's default, without rotation. Its
 * clients keep the refresh token from login and present it again and again; rotating it
 * would make their second refresh look like a stolen token and end their session.
 * So here a *current* refresh token (the same test as /auth/token/verify/: unused, session
 * live and unexpired, user and organization live) yields a new access token for its session
 * and stays valid until that session ends (REFRESH_TOKEN_LIFETIME from sign-in, no sliding).
 * Anything else — including a token already rotated on /api/v1/ — returns undefined, and
 * the caller hands it to the canonical refresh, whose reuse detection then applies.
 */
export async function accessWithoutRotation(ctx: AppContext, presented: string): Promise<string | undefined> {
  const found = await findRefreshToken(ctx.db, sha256(presented))
  if (!found || !(await verifyToken(ctx, presented))) return undefined
  return signAccess(ctx, { id: found.session.userId, organizationId: found.session.organizationId }, found.session.id)
}

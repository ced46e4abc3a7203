/**
 * Screenshots of the OpenID providers' hosted pages for the docs: docs/images/authorize-<page>.png.
 * Called by scripts/account-screenshots.ts on its server, for its shopper (who has TOTP on by
 * then): a third-party client's sign-in, the second factor, the consent (desktop and phone),
 * then the provider's own sign-out question. The client's site does not exist: the code is read
 * from the browser's request to its redirect URI.
 */
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import * as oidc from 'openid-client'
import type { Browser, Page } from 'playwright-core'
import { PROJECT_ROOT } from '../src/lib/project-root'
import { totpCode } from '../test/support/account-steps'
import { authorizationRequest, redeem, registerClient, relyingParty } from '../test/support/oidc-helpers'

const OUT = path.join(PROJECT_ROOT, 'docs/images')
const REDIRECT_URI = 'https://maps.example/callback'
const DESKTOP = { width: 1000, height: 760 }
const PHONE = { width: 390, height: 760 }

async function shot(page: Page, name: string, viewport = DESKTOP) {
  await page.setViewportSize(viewport)
  await page.mouse.move(0, 0) // no hover state in the picture
  await page.screenshot({ path: path.join(OUT, `authorize-${name}.png`), fullPage: true })
}

export async function shootAuthorize(app: FastifyInstance, browser: Browser, base: string, org: { id: string; slug: string }, user: { login: string; password: string; totpSecret: string }) {
  const client = await registerClient(app, org.id, { name: 'Trailhead Maps', firstParty: false, redirectUris: [REDIRECT_URI], scopes: ['openid', 'profile', 'email', 'offline_access', 'view_orders'] })
  const rp = await relyingParty({ app, url: base, issuer: (slug) => `${base}/oidc/${slug}` }, org.slug, client)
  const request = await authorizationRequest(rp, { redirect_uri: REDIRECT_URI, scope: 'openid profile email offline_access view_orders', prompt: 'consent', login_hint: user.login })
  const page = await (await browser.newContext({ viewport: DESKTOP })).newPage()

  await page.goto(request.url.href)
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await shot(page, 'sign-in')
  await shot(page, 'sign-in-phone', PHONE)
  await page.setViewportSize(DESKTOP)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByLabel('Authentication code').fill(totpCode(user.totpSecret, Date.now() + 30_000))
  await shot(page, 'mfa')
  await page.getByRole('button', { name: 'Verify' }).click()
  await page.getByRole('button', { name: 'Allow' }).waitFor()
  await shot(page, 'consent')
  await shot(page, 'consent-phone', PHONE)
  await page.setViewportSize(DESKTOP)
  const arrival = page.waitForRequest((r) => r.url().startsWith(REDIRECT_URI))
  await page.getByRole('button', { name: 'Allow' }).click()
  const tokens = await redeem(rp, (await arrival).url(), request)

  await page.goto(oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token! }).href)
  await page.getByRole('button', { name: /^Yes/ }).waitFor()
  await shot(page, 'sign-out')
  await shot(page, 'sign-out-phone', PHONE)
  await page.setViewportSize(DESKTOP)
  await page.getByRole('button', { name: /^Yes/ }).click()
  await page.getByRole('heading', { name: 'Signed out' }).waitFor()
  await shot(page, 'signed-out')
  await page.goto(`${base}/oidc/${org.slug}/interaction/expired`)
  await page.getByRole('alert').waitFor()
  await shot(page, 'expired')
  await page.context().close()
}

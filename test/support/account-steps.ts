import type { Page } from 'playwright-core'
import { TOTP } from 'otpauth'

/**
 * What a shopper does on /account/, shared by the browser test and the screenshot script
 * (scripts/account-screenshots.ts): real clicks and typing, labels as a person reads them.
 */
export const ACCOUNT_PROFILE_SCHEMA = {
  type: 'object',
  properties: {
    shoe_size: { type: 'integer', title: 'Shoe size (EU)', minimum: 30, maximum: 52 },
    favourite_trail: { type: 'string', title: 'Favourite trail', maxLength: 80 },
    newsletter: { type: 'boolean', title: 'Send me the newsletter' },
  },
}

export const totpCode = (secret: string, at = Date.now()) => new TOTP({ secret }).generate({ timestamp: at })

/** Opens a section of the account pages for the organization `slug` (the sign-in form shows first). */
export async function openAccount(page: Page, baseUrl: string, slug: string, section = '') {
  return page.goto(`${baseUrl}/account/${section}?org=${encodeURIComponent(slug)}`)
}

/** The shared sign-in form's steps: password, then the TOTP step when `secret` is given (a code one step ahead: the current one may be spent). */
export async function enterCredentials(page: Page, login: string, password: string, secret?: string) {
  await page.getByLabel('Username or email').fill(login)
  await page.getByLabel('Password', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  if (!secret) return
  await page.getByLabel('Authentication code').waitFor()
  // The password is right: no reset offer at the second factor.
  if (await page.getByRole('button', { name: 'Forgot your password?' }).count()) throw new Error('"Forgot your password?" shown at the second-factor step')
  await page.getByLabel('Authentication code').fill(totpCode(secret, Date.now() + 30_000))
  await page.getByRole('button', { name: 'Verify' }).click()
}

/** Signs in on the account pages and waits for the account to show. */
export async function signIn(page: Page, login: string, password: string, secret?: string) {
  await enterCredentials(page, login, password, secret)
  await page.getByTestId('signed-in-as').waitFor()
}

/** Moves to a section through the navigation (no reload: the tokens live in the page). */
export async function goTo(page: Page, nav: string, heading: string) {
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: nav }).click()
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor()
}

/** Two-factor setup from the page: reads the key shown, types the current code; returns the key and the recovery codes. */
export async function enrolTotp(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await goTo(page, 'Two-factor', 'Two-factor authentication')
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click()
  const secret = (await page.getByTestId('totp-secret').textContent()) ?? ''
  await page.getByLabel('Code from the app').fill(totpCode(secret))
  await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click()
  await page.getByTestId('recovery-codes').waitFor()
  return { secret, recoveryCodes: await page.getByTestId('recovery-codes').locator('li').allTextContents() }
}

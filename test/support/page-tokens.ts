import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** Every access and refresh token the page received, read from the API's responses as they arrive. */
export function recordTokens(page: Page): Set<string> {
  const seen = new Set<string>()
  page.on('response', async (response) => {
    if (!/\/api\/v1\/auth\/(login|mfa\/verify|token\/refresh)\//.test(response.url()) || !response.ok()) return
    const body = await response.json().catch(() => ({})) as { access?: string; refresh?: string }
    for (const t of [body.access, body.refresh]) if (t) seen.add(t)
  })
  return seen
}

/** No token in storage, cookies readable by script or the address: they live in the page's memory only. */
export async function expectNoTokenAtRest(page: Page, tokens: Set<string>) {
  expect(tokens.size).toBeGreaterThan(0)
  const atRest = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie, url: location.href }))
  expect(atRest).toMatchObject({ local: 0, session: 0, cookie: '' })
  for (const token of tokens) expect(atRest.url).not.toContain(token)
}

import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import axe from 'axe-core'
import { chromium, type Browser, type Page } from 'playwright-core'

/**
 * Test-only helpers of the browser tests: the system's Chromium driven by playwright-core
 * (no browser download). Not finding one is a failure, not a skip: these tests are the
 * proof that the pages' security properties hold in a real browser.
 */
function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`)
    return configured
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim()
    } catch { /* next */ }
  }
  throw new Error('The browser tests need Chromium: install it (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium or Chrome binary.')
}

export const launchChromium = async (): Promise<Browser> => chromium.launch({
  executablePath: chromiumPath(),
  timeout: 20_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
})

/** Chrome logs every 4xx as a console error; a 400 is the API's expected answer to a weak password or a used token. */
const expectedApiError = (text: string) => text.startsWith('Failed to load resource: the server responded with a status of 400')

/** A page that records every CSP violation (event and console) and every other console error. */
export async function watchedPage(browser: Browser) {
  const context = await browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  const problems: string[] = []
  page.on('console', (m) => {
    if ((m.type() === 'error' && !expectedApiError(m.text())) || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  // Injected by the browser itself (not an inline script), so the CSP under test does not block it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`))
  })
  return { page, problems, close: () => context.close() }
}

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source)
  const violations = await page.evaluate(async () => (await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help })))
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help}`)
}

/** A free loopback port (for a PUBLIC_URL that must be known before the server starts). */
export const freePort = () => new Promise<number>((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo
    server.close(() => resolve(port))
  }).on('error', reject)
})

/** The first http(s) link in a (decoded) email whose path is `path`. */
export function linkIn(text: string, path: string): string {
  const m = new RegExp(`https?://[^\\s"<>]+${path}\\?[^\\s"<>]+`).exec(text)
  if (!m) throw new Error(`no ${path} link in the email`)
  return m[0].replace(/&amp;/g, '&')
}

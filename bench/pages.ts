import { loadavg } from 'node:os'
import { launchChromium } from '../test/support/chromium'
import { freshDatabase, startServer, writeSection } from './lib'

/**
 * First load of the hosted reset page in Chromium: from navigation to the form ready for
 * typing (the organization's name shown and the password field enabled), each load in a
 * fresh browser context (empty cache), over loopback against `commercecore serve`. The
 * baseline, in the same run and browser: a fresh-context load of /healthz (one JSON
 * response, no script), i.e. what a navigation costs before any page code.
 *
 *   node --import tsx bench/pages.ts      (BENCH_PAGES_LOADS, default 20)
 */
const loads = Number(process.env.BENCH_PAGES_LOADS ?? 20)
const load = loadavg()[0].toFixed(1)
const server = await startServer(['bin/commercecore.js', 'serve'], { DATABASE_URL: await freshDatabase('cc_bench_pages'), LOG_LEVEL: 'warn' })
const browser = await launchChromium()

async function timeLoads(path: string, ready: (page: import('playwright-core').Page) => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const start = performance.now()
    await page.goto(`${server.url}${path}`, { waitUntil: 'commit' })
    await ready(page)
    times.push(performance.now() - start)
    await context.close()
  }
  return times.sort((a, b) => a - b)
}

try {
  const baseline = await timeLoads('/healthz', (page) => page.waitForLoadState('load'))
  const reset = await timeLoads('/reset-password?token=bench-token&org=default', async (page) => {
    await page.getByText('Default', { exact: false }).first().waitFor()
    await page.locator('#new_password:enabled').waitFor()
  })
  const ms = (t: number[], q: number) => t[Math.min(t.length - 1, Math.floor(t.length * q))].toFixed(0)
  const row = (name: string, t: number[]) => `| ${name} | ${ms(t, 0.5)} | ${ms(t, 0.9)} |`
  const body = [
    '## Hosted pages: first load (bench/pages.ts)',
    '',
    `Chromium (headless, playwright-core), ${loads} loads each in a fresh context (empty cache), loopback; 1-minute load average ${load} on 2 cores at the start (the machine is shared with other engineers' work), so treat the figures as rough.`,
    '',
    '| load | p50 ms | p90 ms |',
    '|---|---:|---:|',
    row('baseline: GET /healthz (JSON, no script)', baseline),
    row('/reset-password until the form is ready (org name shown, field enabled)', reset),
  ].join('\n')
  writeSection('pages', body)
  console.log(body)
} finally {
  await browser.close()
  await server.stop()
}

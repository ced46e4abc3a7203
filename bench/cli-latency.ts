import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { askServer } from '../src/cli/control'
import { lockHolder } from '../src/db/data-lock'

/**
 * `keys rotate` and `createsuperuser` on the embedded database: the CLI opening DATA_DIR
 * itself (no server running) vs sending the command to a running `serve`. Wall time of
 * the whole CLI process, median of RUNS. `node --import tsx bench/cli-latency.ts`
 */
const RUNS = Number(process.env.RUNS ?? 5)
const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-bench-cli-'))
const port = 18000 + Math.floor(Math.random() * 1000)
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', COMMERCECORE_SUPERUSER_PASSWORD: 'benchmark passphrase 2026' }
let n = 0

function time(args: string[]): number {
  const t = performance.now()
  const r = spawnSync(process.execPath, ['bin/commercecore.js', ...args], { env, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return performance.now() - t
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
function measure(label: string) {
  const rotate = median(Array.from({ length: RUNS }, () => time(['keys', 'rotate'])))
  const su = median(Array.from({ length: RUNS }, () => time(['createsuperuser', '--username', `bench${n++}`, '--email', `b${n}@example.com`, '--noinput'])))
  const help = median(Array.from({ length: RUNS }, () => time(['--help'])))
  console.log(`| ${label} | ${Math.round(rotate)} ms | ${Math.round(su)} ms | ${Math.round(help)} ms |`)
}

time(['migrate']) // first open: initialises the database
// The direct path's own cost: open PGlite (taking the lock), migrate, close.
const { openDatabase } = await import('../src/db')
const opens = []
for (let i = 0; i < RUNS; i++) {
  const t = performance.now()
  const database = await openDatabase({ dataDir })
  await database.migrate()
  await database.close()
  opens.push(performance.now() - t)
}
console.log(`open + migrate + close of the embedded database, in process: ${Math.round(median(opens))} ms\n`)
console.log('| | keys rotate | createsuperuser | --help (process start only) |\n|---|---|---|---|')
measure('direct (no server)')
const server = spawn(process.execPath, ['bin/commercecore.js', 'serve'], { env, stdio: 'ignore' })
for (let i = 0; i < 600 && !(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 200))
measure('via the running server')
// The mechanism alone, without the CLI process's start: one keys-rotate round trip on the socket.
const socket = lockHolder(dataDir)?.socket as string
const trips = []
for (let i = 0; i < RUNS; i++) {
  const t = performance.now()
  await askServer(socket, { command: 'keys', input: { algorithm: 'ES256', lostSecretKey: false } })
  trips.push(performance.now() - t)
}
console.log(`\nsocket round trip of keys rotate, in process: ${Math.round(median(trips))} ms`)
server.kill('SIGTERM')

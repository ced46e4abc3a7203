import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { freePort, freshDatabase, writeSection } from './lib'

/**
 * Start time and memory: cold start to the first 200 on /healthz (PostgreSQL with a
 * migrated database; the embedded database's first start, which creates it, and a later
 * one), CLI --help/--version wall time, idle RSS, and peak RSS (VmHWM) after a short
 * bounded load. Each next to a baseline measured in the same run: a bare `node -e` and a
 * bare Fastify listen. Medians of RUNS. `node --import tsx bench/startup.ts` (the last step
 * of `npm run bench`); the server itself runs compiled, through bin/commercecore.js.
 */
const RUNS = Number(process.env.RUNS ?? 5)
const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 4)
const bin = path.resolve('bin/commercecore.js')
const secretKey = 'benchmark-secret-key-0123456789-abcdefghijkl'
const password = 'benchmark passphrase 2026'
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const status = (pid: number, field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024)
/** CPU time (user + system) a process has used so far: what the start costs, whatever the load. */
const cpuMs = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).reduce((sum, ticks) => sum + Number(ticks) * 10, 0)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const bareFastify = "import Fastify from 'fastify'; const app = Fastify(); app.get('/healthz', async () => ({ status: 'ok' })); await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }); process.once('SIGTERM', () => process.exit(0))"

interface Started { proc: ChildProcess; url: string; ms: number; cpuMs: number }

/** Spawns `node args` and polls /healthz every 5 ms: milliseconds from spawn to the first 200. */
async function start(args: string[], env: Record<string, string>, command = process.execPath): Promise<Started> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const t = performance.now()
  const proc = spawn(command, args, { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] })
  while (!(await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) {
    if (proc.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${proc.exitCode}`)
    if (performance.now() - t > 120_000) throw new Error(`${args.join(' ')}: no /healthz in 120 s`)
    await sleep(5)
  }
  return { proc, url, ms: performance.now() - t, cpuMs: cpuMs(proc.pid!) }
}

const stop = (proc: ChildProcess) => new Promise<void>((resolve) => {
  if (proc.exitCode !== null) return resolve()
  proc.once('exit', () => resolve())
  proc.kill('SIGTERM')
})

async function startTimes(args: string[], env: Record<string, string>): Promise<{ ms: number; cpuMs: number }> {
  const runs: Started[] = []
  for (let i = 0; i < RUNS; i++) {
    const s = await start(args, env)
    runs.push(s)
    await stop(s.proc)
  }
  return { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)) }
}

function wallTime(args: string[], env: Record<string, string> = {}): number | undefined {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now()
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8' })
    if (r.status !== 0) return undefined
    times.push(performance.now() - t)
  }
  return median(times)
}

/** Idle RSS 2 s after the first 200, then the peak (VmHWM) after a short load of /auth/me/, login and refresh. */
async function memory(env: Record<string, string>) {
  const s = await start([bin, 'serve'], env)
  const pid = s.proc.pid!
  await sleep(2000)
  const idle = status(pid, 'VmRSS')
  const post = async (p: string, body: unknown) => (await fetch(`${s.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<{ access: string; refresh: string }>
  const { access } = await post('/api/v1/auth/register/', { username: 'bench', email: 'bench@example.com', password })
  const { refresh } = await post('/api/v1/auth/login/', { username: 'bench', password })
  const load = (opts: object) => autocannon({ url: s.url, duration: LOAD_SECONDS, connections: 20, ...opts })
  await load({ url: `${s.url}/api/v1/auth/me/`, headers: { authorization: `Bearer ${access}` } })
  await load({ url: `${s.url}/api/v1/auth/login/`, connections: 4, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password }) })
  let token = refresh
  await load({
    url: `${s.url}/api/v1/auth/token/refresh/`, connections: 1,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req: object) => ({ ...req, body: JSON.stringify({ refresh: token }) }), onResponse: (code: number, body: string) => { if (code === 200) token = JSON.parse(body).refresh } }],
  })
  const afterLoad = status(pid, 'VmRSS')
  const peak = status(pid, 'VmHWM')
  await stop(s.proc)
  return { idle, afterLoad, peak }
}

/** `npm start`'s own process (npm stays the server's parent): its RSS next to the server's. */
async function npmWrapper(env: Record<string, string>) {
  const s = await start(['start', '--silent'], env, 'npm')
  await sleep(2000)
  const npm = status(s.proc.pid!, 'VmRSS')
  const children = spawnSync('pgrep', ['-P', String(s.proc.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean)
  const server = children.reduce((sum, pid) => sum + status(Number(pid), 'VmRSS'), 0)
  s.proc.kill('SIGTERM')
  for (const pid of children) process.kill(Number(pid), 'SIGTERM')
  await new Promise((r) => s.proc.once('exit', r))
  return { npm, server, processes: 1 + children.length }
}

const pgEnv = { DATABASE_URL: await freshDatabase(process.env.BENCH_DB ?? 'commercecore_bench_startup'), COMMERCECORE_SECRET_KEY: secretKey, THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off' }
if (spawnSync(process.execPath, [bin, 'migrate'], { env: { ...process.env, ...pgEnv }, stdio: 'inherit' }).status !== 0) throw new Error('migrate failed')

const bareNode = wallTime(['-e', '0'])!
const bareStart = await start(['--input-type=module', '-e', bareFastify], {})
await sleep(1000)
const bareRss = status(bareStart.proc.pid!, 'VmRSS')
await stop(bareStart.proc)
const bareListen = await startTimes(['--input-type=module', '-e', bareFastify], {})
const pgStart = await startTimes([bin, 'serve'], pgEnv)
const help = wallTime([bin, '--help'])!
const version = wallTime([bin, '--version'])
const pgMemory = await memory(pgEnv)

const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-bench-startup-'))
const embeddedEnv = { DATA_DIR: dataDir, THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off' }
const first = await start([bin, 'serve'], embeddedEnv)
await sleep(2000)
const firstMemory = { idle: status(first.proc.pid!, 'VmRSS'), peak: status(first.proc.pid!, 'VmHWM') }
await stop(first.proc)
const embeddedLater = await startTimes([bin, 'serve'], embeddedEnv)
const embeddedMemory = await memory(embeddedEnv)
rmSync(dataDir, { recursive: true, force: true })
const wrapper = await npmWrapper(pgEnv)

const ms = (x: number | undefined) => (x === undefined ? 'n/a' : `${Math.round(x)} ms`)
const row = (label: string, x: { ms: number; cpuMs: number }, target = '—') => `| ${label} | ${ms(x.ms)} | ${ms(x.cpuMs)} | ${ms(bareListen.ms)} (CPU ${ms(bareListen.cpuMs)}) | ${target} |`
const lines = [
  `Run ${new Date().toISOString()} · medians of ${RUNS} · ${LOAD_SECONDS} s per load scenario · load average ${loadavg()[0].toFixed(1)} at the end (2 cores shared with other work)`,
  '',
  '| start / command | wall time | CPU time | baseline: bare Fastify listen | target |',
  '|---|---:|---:|---:|---:|',
  `| \`node -e 0\` (bare Node, exit) | ${ms(bareNode)} | — | — | — |`,
  row('`serve`, PostgreSQL (migrated) → first 200 on /healthz', pgStart, '≤ 1500 ms'),
  row('`serve`, embedded, first start (creates the database)', first),
  row('`serve`, embedded, later start', embeddedLater),
  `| \`--help\` | ${ms(help)} | — | bare Node ${ms(bareNode)} | ≤ 500 ms |`,
  `| \`--version\` | ${ms(version)} | — | bare Node ${ms(bareNode)} | ≤ 500 ms |`,
  '',
  '| memory (RSS, MiB) | idle | after load | peak (VmHWM) | target |',
  '|---|---:|---:|---:|---:|',
  `| bare Fastify | ${bareRss} | — | — | — |`,
  `| \`serve\`, PostgreSQL | ${pgMemory.idle} | ${pgMemory.afterLoad} | ${pgMemory.peak} | ≤ 120 idle, ≤ 160 peak |`,
  `| \`serve\`, embedded, first start (creating the database; no load) | ${firstMemory.idle} | — | ${firstMemory.peak} | — |`,
  `| \`serve\`, embedded (PGlite), later start | ${embeddedMemory.idle} | ${embeddedMemory.afterLoad} | ${embeddedMemory.peak} | as low as PGlite allows |`,
  `| \`npm start\`: npm's own process (${wrapper.processes} processes in all) | ${wrapper.npm} | — | — | — |`,
]
console.log(`\n${lines.join('\n')}`)
writeSection('startup', `## Start time and memory\n\n${lines.join('\n')}`)
process.exit(0)

import { availableParallelism, loadavg } from 'node:os'
import { fork } from 'node:child_process'
import { hash } from '@node-rs/argon2'
import { REFUSAL_DELAY_MS } from '../src/plugins/hash-admission'
import { loopFigure, requestLoop } from './request-loop'
import { backendCpu, freshDatabase, machineCpuMs, helperThreadsSched, mainThreadCpuMs, rssMiB, startServer, table, writeSection, type Figure } from './lib'

/**
 * A login flood next to ordinary traffic (issue 13): GET /auth/me/ alone; logins that keep
 * the hashing slots busy, alone (a login's cost); `me` next to such logins (the in-run
 * yardstick of what hashing itself takes); `me` while POST /auth/login/ is offered at
 * FLOOD_FACTOR × the raw argon2id rate of the configured hashing slots (measured in this
 * run), over several accounts; that flood alone (a refusal's cost, without `me`'s share to
 * subtract); last `me` next to the issue's shape, 160 connections that send again at once.
 * The gate in front of hash-bound routes must keep refusals so cheap that `me` keeps its
 * throughput and the hashing slots stay busy.
 * Bounded in time (BENCH_SECONDS per phase, default 10); loopback only.
 * BENCH_FLOOD_SERVER=/path/to/checkout serves from another checkout (a before/after on the
 * same machine, same load generator).
 *
 *   node --import tsx bench/flood.ts
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const hashConcurrency = Math.max(1, availableParallelism() - 1) // the server's default HASH_CONCURRENCY
const floodFactor = Number(process.env.FLOOD_FACTOR ?? 20)
const meConnections = 10
const accounts = 8
const password = 'benchmark passphrase 2026'

interface Hashing { rate: number; cpuMs: number; waitMs: number; ms: number }

/** Hashes per second on `concurrency` threads in this process, and what the scheduler gave those threads. */
async function rawArgon2(concurrency: number, ms: number): Promise<Hashing> {
  let count = 0
  const before = helperThreadsSched(process.pid)
  const started = Date.now()
  const end = started + ms
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) {
      await hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 })
      count++
    }
  }))
  const after = helperThreadsSched(process.pid)
  const elapsed = Date.now() - started
  return { rate: count / (elapsed / 1000), cpuMs: after.cpuMs - before.cpuMs, waitMs: after.waitMs - before.waitMs, ms: elapsed }
}

/**
 * Shares (of `hashConcurrency` threads' worth of wall time) of every thread of a process
 * but its event loop — the libuv pool that hashes (a hash may run on any of its threads)
 * plus V8's helpers: on a CPU, waiting for one, and the two together, which is how long
 * the hashing slots had work (1.0: fed back to back, never idle).
 */
const shares = (h: Hashing) => ({ cpu: h.cpuMs / (h.ms * hashConcurrency), wait: h.waitMs / (h.ms * hashConcurrency), fed: (h.cpuMs + h.waitMs) / (h.ms * hashConcurrency) })

const database = 'commercecore_bench_flood'
const argonMs = Math.min(seconds, 5) * 1000
// Before and after the server's phases (the machine is shared, its load moves): the mean is the yardstick.
const argonBefore = await rawArgon2(hashConcurrency, argonMs)
const rawBefore = argonBefore.rate
// BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
const serverDir = process.env.BENCH_FLOOD_SERVER ?? '.'
const server = await startServer([...nodeArgs, `${serverDir}/bin/commercecore.js`, 'serve'], {
  DATABASE_URL: await freshDatabase(database),
  THROTTLE_AUTH_PER_IP: 'off',
  THROTTLE_AUTH_PER_ACCOUNT: 'off',
  LOG_LEVEL: 'warn',
  ACCESS_TOKEN_LIFETIME: '1h',
  COMMERCECORE_SECRET_KEY: 'benchmark-secret-key-0123456789-abcdefghijkl',
  HASH_CONCURRENCY: String(hashConcurrency),
  // The documented defaults: the flood meets the queue limit and timeout operators get.
  HASH_QUEUE_LIMIT: '64',
  HASH_QUEUE_TIMEOUT_MS: '2000',
})
process.once('exit', () => server.proc.kill('SIGKILL')) // also when the benchmark fails
const killTimer = setTimeout(() => { server.proc.kill('SIGKILL'); process.exit(1) }, (seconds * 7 + 120) * 1000)
killTimer.unref()

const register = async (username: string) => {
  const res = await fetch(`${server.url}/api/v1/auth/register/`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, email: `${username}@example.com`, password }),
  })
  if (!res.ok) throw new Error(`register ${username}: ${res.status} ${await res.text()}`)
  return (await res.json() as { access: string }).access
}
const access = await register('reader')
for (let i = 0; i < accounts; i++) await register(`flood${i}`)

const meRequest = Buffer.from(`GET /api/v1/auth/me/ HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nAuthorization: Bearer ${access}\r\n\r\n`)
/** A figure with the CPU time (ms) its load generator took. */
type Load = Figure & { generatorCpuMs: number }
const me = async (name: string): Promise<Load> => {
  const before = process.cpuUsage()
  const run = await requestLoop(server.url, { connections: meConnections, ms: seconds * 1000, request: () => meRequest })
  const cpu = process.cpuUsage(before)
  const fig = { ...loopFigure(name, run, rssMiB(server.proc.pid)), generatorCpuMs: (cpu.user + cpu.system) / 1000 }
  console.log(`${name.padEnd(40)} ${String(fig.rps).padStart(7)} req/s  p50 ${fig.p50} ms  p99 ${fig.p99} ms  errors ${fig.errors}  load generator CPU ${fig.generatorCpuMs.toFixed(0)} ms`)
  return fig
}
/** Runs a phase and returns its figures with the server event loop's CPU time (ms) over it. */
const measured = async <T>(phase: () => Promise<T>): Promise<[T, number]> => {
  const before = mainThreadCpuMs(server.proc.pid)
  const result = await phase()
  return [result, mainThreadCpuMs(server.proc.pid) - before]
}
const [alone, aloneCpu] = await measured(() => me('GET /auth/me/ alone'))

/** A login load in a process of its own (bench/load-worker.ts), so it does not slow the `me` load generator down. */
const logins = async (name: string, connections: number, rate?: number): Promise<Load> => {
  const load = fork(new URL('./load-worker.ts', import.meta.url), [JSON.stringify({ url: server.url, ms: seconds * 1000, connections, rate, accounts, password })], { execArgv: ['--import', 'tsx'] })
  const { figure, statuses, cpuMs } = await new Promise<{ figure: Figure; statuses: Record<number, number>; cpuMs: number }>((resolve, reject) => {
    load.once('message', (m) => resolve(m as { figure: Figure; statuses: Record<number, number>; cpuMs: number }))
    load.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)))
  })
  const fig = { ...figure, name, rssMiB: rssMiB(server.proc.pid), generatorCpuMs: cpuMs }
  console.log(`${name.padEnd(40)} ${String(fig.rps).padStart(7)} req/s  p50 ${fig.p50} ms  p99 ${fig.p99} ms  errors ${fig.errors}  statuses ${JSON.stringify(statuses)}  load generator CPU ${cpuMs} ms`)
  return fig
}
// In-run yardstick of what the hashing itself takes from `me`: the slots kept busy, no rejections.
// Logins alone, keeping the slots busy: the event loop's CPU per successful login, with nothing to subtract.
const [loginsAlone, loginsAloneCpu] = await measured(() => logins('POST /auth/login/ at capacity, alone', hashConcurrency * 2))
const [[busy, atCapacity], busyCpu] = await measured(() => Promise.all([me('GET /auth/me/ next to logins at capacity'), logins('POST /auth/login/ at capacity', hashConcurrency * 2)]))
// The flood proper: FLOOD_FACTOR × the raw argon2id rate offered, from enough connections
// to offer it although refusals come back only after REFUSAL_DELAY_MS.
const offered = Math.round(rawBefore * floodFactor)
const floodConnections = Math.max(160, Math.ceil(offered * (REFUSAL_DELAY_MS + 100) / 1000))
const threadsBefore = helperThreadsSched(server.proc.pid)
const postgresCpu = await backendCpu(database)
const machineBefore = machineCpuMs()
const floodStarted = Date.now()
const [[during, floodFigure], floodCpu] = await measured(() => Promise.all([
  me('GET /auth/me/ during the flood'),
  logins(`POST /auth/login/ flood (${floodFactor}× argon2 rate, ${floodConnections} conn.)`, floodConnections, offered),
]))
// What the hashing threads (every thread but the event loop) got during the flood.
const threadsAfter = helperThreadsSched(server.proc.pid)
const machineAfter = machineCpuMs()
const floodPostgresMs = await postgresCpu()
const floodHashing: Hashing = { rate: floodFigure.ok2xx / seconds, cpuMs: threadsAfter.cpuMs - threadsBefore.cpuMs, waitMs: threadsAfter.waitMs - threadsBefore.waitMs, ms: Date.now() - floodStarted }
// The same flood with nothing next to it: what a refusal costs the event loop, without `me`'s share to subtract.
const [aloneFlood, aloneFloodCpu] = await measured(() => logins(`POST /auth/login/ flood alone (${floodFactor}× argon2 rate)`, floodConnections, offered))
// The issue's shape: 160 connections that send again the moment they are answered.
const [duringClosed, closedFigure] = await Promise.all([
  me('GET /auth/me/ during a closed-loop flood'),
  logins('POST /auth/login/ closed loop (160 conn.)', 160),
])
await server.stop()
const argonAfter = await rawArgon2(hashConcurrency, argonMs)
const rawAfter = argonAfter.rate
const raw = (rawBefore + rawAfter) / 2
// Hashes per CPU-second of the hashing threads: what the slots can do with the CPU they get.
const perCpuSecond = (h: Hashing) => (h.rate * h.ms / 1000) / (h.cpuMs / 1000)
const rawPerCpu = (perCpuSecond(argonBefore) + perCpuSecond(argonAfter)) / 2
const rawShares = shares(argonBefore)
const floodShares = shares(floodHashing)

const floodOk = floodFigure.ok2xx / seconds
const pct = (x: number) => `${(x * 100).toFixed(0)} %`
// Event-loop CPU per request, each phase minus what the earlier ones explain.
const perMe = aloneCpu / alone.ok2xx
const perLogin = loginsAloneCpu / Math.max(1, loginsAlone.ok2xx)
// Next to me: what me does not explain, per login (depends on me's cost staying what it was alone).
const perLoginNextToMe = Math.max(0, busyCpu - busy.ok2xx * perMe) / Math.max(1, atCapacity.ok2xx)
const perRejection = Math.max(0, aloneFloodCpu - aloneFlood.ok2xx * perLogin) / Math.max(1, aloneFlood.non2xx)
// During the flood next to `me`: the event loop's CPU that me and the logins do not explain, per refusal.
const perRejectionNextToMe = Math.max(0, floodCpu - during.ok2xx * perMe - floodFigure.ok2xx * perLogin) / Math.max(1, floodFigure.non2xx)
// Where the machine's CPU went during the flood next to `me`, in cores (CPU ms per wall ms).
const cores = (ms: number) => (ms / floodHashing.ms).toFixed(2)
const budget = { eventLoop: floodCpu, helpers: floodHashing.cpuMs, postgres: floodPostgresMs, me: during.generatorCpuMs, flood: floodFigure.generatorCpuMs }
const accounted = Object.values(budget).reduce((a, b) => a + b, 0)
const [idle, steal, irq] = (['idle', 'steal', 'irq'] as const).map((k) => machineAfter[k] - machineBefore[k])
const lines = [
  `Run ${new Date().toISOString()}${serverDir === '.' ? '' : ` · server from ${serverDir}`} · ${seconds} s per phase · argon2id m=19456 KiB t=2 p=1 · ${hashConcurrency} hashing slot(s), HASH_QUEUE_LIMIT 64 · `
    + `flood over ${accounts} accounts, ${offered} req/s offered · load average ${loadavg()[0].toFixed(1)} at the end`,
  '',
  table([alone, loginsAlone, busy, atCapacity, during, floodFigure, aloneFlood, duringClosed, closedFigure]),
  '',
  '| ratio | value | target |',
  '|---|---:|---:|',
  `| me during flood / me alone | ${(during.rps / alone.rps).toFixed(2)} | ≥ 0.50 |`,
  `| me next to logins at capacity / me alone (what hashing alone takes) | ${(busy.rps / alone.rps).toFixed(2)} | — |`,
  `| me during the closed-loop flood / me alone (p99 ${duringClosed.p99} ms) | ${(duringClosed.rps / alone.rps).toFixed(2)} | — |`,
  `| me p99 during flood (ms) | ${during.p99} | ≤ 50 |`,
  `| server event-loop CPU per request: me ${(perMe * 1000).toFixed(0)} µs · successful login ${perLogin.toFixed(1)} ms (alone; next to me: ${perLoginNextToMe.toFixed(1)} ms) · refused login ${(perRejection * 1000).toFixed(0)} µs (flood alone; next to me: ${(perRejectionNextToMe * 1000).toFixed(0)} µs) | — | — |`,
  `| hashing thread(s) during the flood: on a CPU ${pct(floodShares.cpu)} · waiting for one ${pct(floodShares.wait)} · with work (fed) ${pct(floodShares.fed)} (raw run before: ${pct(rawShares.cpu)} · ${pct(rawShares.wait)} · ${pct(rawShares.fed)}) | — | — |`,
  `| CPU during the flood, in cores of ${availableParallelism()}: server event loop ${cores(budget.eventLoop)} · server hashing and V8 helper threads ${cores(budget.helpers)} · PostgreSQL ${cores(budget.postgres)} · me load generator ${cores(budget.me)} · login load generator ${cores(budget.flood)} · interrupts ${cores(irq)} · idle ${cores(idle)} · taken by the hypervisor (steal) ${cores(steal)} · the rest (other processes) ${cores(availableParallelism() * floodHashing.ms - accounted - irq - idle - steal)} | — | — |`,
  `| completed logins per hashing CPU-second during the flood (${perCpuSecond(floodHashing).toFixed(1)}) / raw hashes per CPU-second (${rawPerCpu.toFixed(1)}) | ${(perCpuSecond(floodHashing) / rawPerCpu).toFixed(2)} | — |`,
  `| flood 2xx/s (${floodOk.toFixed(1)}) / raw argon2id (${raw.toFixed(1)} hashes/s with ${hashConcurrency} thread(s): ${rawBefore.toFixed(1)} before, ${rawAfter.toFixed(1)} after) | ${(floodOk / raw).toFixed(2)} | ≥ 0.90 |`,
]
console.log(`\n${lines.join('\n')}`)
writeSection('flood', `## Flood: login at ${floodFactor}× the hashing capacity next to GET /auth/me/\n\n${lines.join('\n')}`)
process.exit(0)

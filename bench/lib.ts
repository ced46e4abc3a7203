import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import autocannon, { type Options, type Result } from 'autocannon'
import pg from 'pg'

/** Shared pieces of the benchmarks: servers as child processes, autocannon runs, RESULTS.md sections. */
export const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432'

export async function freshDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: `${PG}/postgres` })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  return `${PG}/${name}`
}

export const freePort = () => new Promise<number>((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number }
    srv.close(() => resolve(port))
  })
})

/**
 * `node` arguments that start the service; BENCH_SERVER_NODE_FLAGS (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`) goes first, for profiling the server under load.
 */
export const serveArgs = () => [...(process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean), 'bin/commercecore.js', 'serve']

export interface Server { url: string; proc: ChildProcess; stop(): Promise<void> }

/** Starts `node <args>` with env (or env for the server's URL, e.g. its PUBLIC_URL), waits until GET healthPath answers. */
export async function startServer(args: string[], env: Record<string, string> | ((url: string) => Record<string, string>), healthPath = '/healthz'): Promise<Server> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...(typeof env === 'function' ? env(url) : env), PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'inherit', 'inherit'] })
  process.once('exit', () => proc.kill()) // a bench that fails half-way leaves no server behind
  for (let i = 0; i < 300; i++) {
    if (await fetch(`${url}${healthPath}`).then((r) => r.ok, () => false)) break
    if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    proc,
    stop: () => new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve()
      proc.once('exit', () => resolve())
      proc.kill('SIGTERM')
    }),
  }
}

export function rssMiB(pid: number | undefined): number {
  if (!pid) return 0
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Math.round(Number(m[1]) / 1024) : 0
}

/**
 * CPU time (ms) the server's main thread (its event loop) has used so far, from
 * /proc/<pid>/task/<pid>/stat: utime + stime, in clock ticks (100 per second on Linux).
 * Unlike throughput it hardly depends on what else the machine runs.
 */
export function mainThreadCpuMs(pid: number | undefined): number {
  return pid ? taskCpuMs(pid, pid) : 0
}

function taskCpuMs(pid: number, tid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0 // the thread ended
  }
}

/**
 * Scheduler figures (ms) of every thread of a process but `except`, summed, from
 * /proc/<pid>/task/<tid>/schedstat: time on a CPU, and time runnable but waiting for one
 * (run-queue delay). Their sum over a wall time says how long the threads had work.
 */
export function helperThreadsSched(pid: number | undefined, except = pid): { cpuMs: number; waitMs: number } {
  const total = { cpuMs: 0, waitMs: 0 }
  if (!pid) return total
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    if (tid === String(except)) continue
    try {
      const [cpu, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number)
      total.cpuMs += cpu / 1e6
      total.waitMs += wait / 1e6
    } catch { /* the thread ended */ }
  }
  return total
}

/** The machine's CPU time so far (ms, all cores) from /proc/stat: idle, stolen by the hypervisor, and interrupts (hard and soft). */
export function machineCpuMs(): { idle: number; steal: number; irq: number } {
  const [, , , , idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/ +/).map(Number)
  return { idle: (idle + iowait) * 10, steal: steal * 10, irq: (irq + softirq) * 10 }
}

/** CPU time (user, system) a process has used so far, in ms, from /proc (Linux clock ticks of 10 ms). */
export function cpuMs(pid: number | undefined, thread?: number): { user: number; sys: number } {
  if (!pid) return { user: 0, sys: 0 }
  try {
    const fields = readFileSync(`/proc/${pid}${thread ? `/task/${thread}` : ''}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
    return { user: Number(fields[11]) * 10, sys: Number(fields[12]) * 10 }
  } catch {
    return { user: 0, sys: 0 } // a process that is gone
  }
}

/**
 * CPU (ms) the PostgreSQL backends of database `name` use between this call and the
 * returned function's: backends opened in between count from zero (their connecting, a few ms).
 */
export async function backendCpu(name: string): Promise<() => Promise<number>> {
  const admin = new pg.Client({ connectionString: `${PG}/postgres` })
  await admin.connect()
  const pids = async () => (await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name])).rows.map((r: { pid: number }) => r.pid as number)
  const before = new Map((await pids()).map((pid) => [pid, cpuMs(pid)]))
  return async () => {
    const used = (await pids()).map((pid) => {
      const [now, then] = [cpuMs(pid), before.get(pid) ?? { user: 0, sys: 0 }]
      return now.user - then.user + now.sys - then.sys
    }).reduce((a, b) => a + b, 0)
    await admin.end()
    return used
  }
}

/** Runs `run`; also says the CPU (ms) the server process and the PostgreSQL backends of database `name` used meanwhile. */
export async function cpuDuring<T>(server: Server, name: string, run: () => Promise<T>): Promise<{ result: T; serverMs: number; pgMs: number }> {
  const pgCpu = await backendCpu(name)
  const before = cpuMs(server.proc.pid)
  const result = await run()
  const after = cpuMs(server.proc.pid)
  return { result, serverMs: after.user - before.user + after.sys - before.sys, pgMs: await pgCpu() }
}

/** p50 and p99 of measured latencies, in whole ms (0 without any). */
export function latencyQuantiles(latenciesMs: number[]): { p50: number; p99: number } {
  const sorted = [...latenciesMs].sort((a, b) => a - b)
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0)
  return { p50: at(0.5), p99: at(0.99) }
}

export interface Figure { name: string; rps: number; p50: number; p99: number; rssMiB: number; errors: number; non2xx: number; ok2xx: number }

export async function cannon(name: string, server: Server, opts: Omit<Options, 'url'> & { path?: string }): Promise<Figure> {
  const { path = '/', ...rest } = opts
  const result: Result = await autocannon({ url: `${server.url}${path}`, duration: 10, connections: 50, ...rest })
  const fig = {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rssMiB: rssMiB(server.proc.pid),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok2xx: result['2xx'],
  }
  console.log(`${name.padEnd(40)} ${String(fig.rps).padStart(7)} req/s  p50 ${fig.p50} ms  p99 ${fig.p99} ms  rss ${fig.rssMiB} MiB  non-2xx ${fig.non2xx}  errors ${fig.errors}`)
  return fig
}

export const table = (figures: Figure[]) => [
  '| scenario | req/s | p50 ms | p99 ms | server RSS MiB | non-2xx | errors |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...figures.map((f) => `| ${f.name} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.rssMiB} | ${f.non2xx} | ${f.errors} |`),
].join('\n')

/** Replaces the text between `<!-- key:start -->` and `<!-- key:end -->` in bench/RESULTS.md. */
export function writeSection(key: string, body: string) {
  const file = new URL('./RESULTS.md', import.meta.url)
  const start = `<!-- ${key}:start -->`
  const end = `<!-- ${key}:end -->`
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\nWritten by `npm run bench`. Machine: 2 cores, Node 20, PostgreSQL 15 on loopback; load generator (autocannon) on the same machine.\n'
  const section = `${start}\n${body.trim()}\n${end}`
  const re = new RegExp(`${start}[\\s\\S]*?${end}`)
  writeFileSync(file, re.test(text) ? text.replace(re, section) : `${text.trimEnd()}\n\n${section}\n`)
}

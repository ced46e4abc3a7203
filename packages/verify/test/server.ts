import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll } from 'vitest'
import { testDatabaseUrl } from '../../../test/support/env'

/**
 * A real CommerceCore server (`commercecore serve`, as in production) on the shared test
 * PostgreSQL, for the verifier to verify its tokens over real HTTP. Setup data (orgs,
 * users with permissions) goes through the test helpers on the same database; tokens
 * come from this server's own login endpoint.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url))
const cliPath = path.join(repoRoot, 'bin/commercecore.js')
const SECRET_KEY = 'test-secret-key-that-is-long-enough-0123456789'
/** Short, so a test can watch a token expire; long enough for a loaded machine to use it first. */
export const ACCESS_LIFETIME_SECONDS = 15

const baseEnv = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  DATABASE_URL: testDatabaseUrl,
  COMMERCECORE_SECRET_KEY: SECRET_KEY,
  PASSWORD_HASH_MEMORY_KIB: '1024',
  PASSWORD_HASH_ITERATIONS: '1',
  THROTTLE_AUTH_PER_IP: 'off',
  THROTTLE_AUTH_PER_ACCOUNT: 'off',
  // A loaded machine (the whole suite in parallel) tests logins here, not admission control.
  HASH_QUEUE_TIMEOUT_MS: '30000',
  LOG_LEVEL: 'warn',
  // For the server and for `keys rotate`: a new key signs 2 × 1 + 10 s after it is published.
  SIGNING_KEY_RELOAD_SECONDS: '1',
}

/** The in-process app that writes the setup data, with the same patience for hashing. */
export const setupAppConfig = { hashQueueTimeoutMs: 30_000 }

const freePort = () => new Promise<number>((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number }
    srv.close(() => resolve(port))
  })
})

export interface RunningServer { url: string }

/** Starts `commercecore serve` for this test file; it is killed after the file. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const env = { ...baseEnv, PORT: String(port), PUBLIC_URL: url, ACCESS_TOKEN_LIFETIME: `${ACCESS_LIFETIME_SECONDS}s`, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cc-verify-')) }
  const proc = spawn(process.execPath, [cliPath, 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  proc.stdout.on('data', (d) => { output += d })
  proc.stderr.on('data', (d) => { output += d })
  afterAll(() => { if (proc.exitCode === null) proc.kill('SIGKILL') })
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) break
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return { url }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`commercecore serve did not start:\n${output}`)
}

/** `commercecore keys rotate` in its own process, as an operator runs it; returns the new kid. */
export function rotateKeys(): string {
  const r = spawnSync(process.execPath, [cliPath, 'keys', 'rotate'], { cwd: repoRoot, env: { ...baseEnv, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 60_000 })
  const kid = /signing key (\S+)/.exec(r.stdout)?.[1]
  if (r.status !== 0 || !kid) throw new Error(`keys rotate failed (${r.status}): ${r.stderr}`)
  return kid
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

export interface Session { access: string; refresh: string }

/** Signs in through the running server's API, as a shop's frontend would. */
export async function login(server: RunningServer, org: { slug: string }, user: { username: string; password: string }): Promise<Session> {
  const res = await post(`${server.url}/api/v1/auth/login/`, { username: user.username, password: user.password }, { 'x-organization': org.slug })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
  return { access: res.body.access, refresh: res.body.refresh }
}

/** Ends the session through the running server's API (what "sign out" does). */
export async function logout(server: RunningServer, session: Session): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/auth/logout/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.access}` },
    body: JSON.stringify({ refresh: session.refresh }),
  })
  if (res.status !== 204) throw new Error(`logout failed: ${res.status} ${await res.text()}`)
}

export const kidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid

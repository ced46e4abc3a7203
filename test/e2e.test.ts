import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/** The real thing: `npm start` with no configuration but a port, driven over real HTTP. */
const freePort = () => new Promise<number>((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number }
    srv.close(() => resolve(port))
  })
})

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-e2e-'))
const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', PUBLIC_URL: base }
const server: ChildProcess = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
let output = ''
server.stdout?.on('data', (d) => { output += d })
server.stderr?.on('data', (d) => { output += d })
afterAll(() => { if (server.exitCode === null) server.kill('SIGKILL') })

async function waitForHealthy() {
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`server did not start:\n${output}`)
}

const json = async (method: string, url: string, body?: unknown, token?: string) => {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null }
}

describe('npm start on the embedded database', () => {
  it('serves register → login → me → refresh → logout over real HTTP', async () => {
    await waitForHealthy()
    expect((await json('GET', '/readyz')).status).toBe(200)
    const creds = { username: 'e2e-user', email: 'e2e@example.com', password: 'end to end passphrase 1' }
    const reg = await json('POST', '/api/v1/auth/register/', creds)
    expect(reg.status).toBe(201)
    const login = await json('POST', '/api/v1/auth/login/', { username: creds.email, password: creds.password })
    expect(login.status).toBe(200)
    const me = await json('GET', '/api/v1/auth/me/', undefined, login.body.access)
    expect(me.body).toMatchObject({ username: 'e2e-user', roles: [{ name: 'customer' }] })
    const refreshed = await json('POST', '/api/v1/auth/token/refresh/', { refresh: login.body.refresh })
    expect(refreshed.status).toBe(200)
    expect((await json('POST', '/api/v1/auth/logout/', { refresh: refreshed.body.refresh }, refreshed.body.access)).status).toBe(204)
    expect((await json('GET', '/api/v1/auth/me/', undefined, refreshed.body.access)).status).toBe(401)
  }, 60_000)

  it('stops cleanly when npm start is interrupted', async () => {
    const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()))
    server.kill('SIGTERM')
    await exited
    await expect(fetch(`${base}/healthz`)).rejects.toThrow()
  }, 20_000)
})

describe('SIGTERM', () => {
  it('lets in-flight requests finish, then exits 0', async () => {
    const { testDatabaseUrl } = await import('./support/env')
    const drainPort = await freePort()
    const url = `http://127.0.0.1:${drainPort}`
    // Real argon2 parameters and one hashing slot, so the requests are still running when the signal lands;
    // a long queue timeout, so a slow (loaded) machine tests the drain, not admission control.
    const proc = spawn(process.execPath, ['bin/commercecore.js', 'serve'], {
      env: { ...env, PORT: String(drainPort), DATABASE_URL: testDatabaseUrl, HASH_CONCURRENCY: '1', HASH_QUEUE_TIMEOUT_MS: '30000', THROTTLE_AUTH_PER_IP: 'off', COMMERCECORE_SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789' },
      stdio: 'ignore',
    })
    for (let i = 0; i < 150; i++) {
      if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break
      await new Promise((r) => setTimeout(r, 200))
    }
    const stamp = Date.now().toString(36)
    // One connection per request (no keep-alive pool), so every request is on the wire before the signal.
    const inflight = Array.from({ length: 24 }, (_, i) => new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ username: `drain${stamp}${i}`, email: `drain${stamp}${i}@example.com`, password: 'drain test passphrase 1' })
      const req = request(`${url}/api/v1/auth/register/`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      req.on('error', reject)
      req.end(body)
    }))
    await new Promise((r) => setTimeout(r, 200))
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
    proc.kill('SIGTERM')
    expect(await Promise.all(inflight)).toEqual(Array(24).fill(201))
    expect(await exited).toBe(0)
  }, 60_000)
})

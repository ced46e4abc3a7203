import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * One embedded data directory, real processes: `serve` holds it, a second `serve` is
 * refused, and every CLI command run meanwhile goes through the server, so nothing
 * written is lost (issue: createsuperuser printed success, and the user vanished).
 */
const freePort = () => new Promise<number>((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number }
    srv.close(() => resolve(port))
  })
})

const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-datadir-'))
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: base,
  LOG_LEVEL: 'warn', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1', THROTTLE_AUTH_PER_IP: 'off',
}
const cli = (args: string[], extra: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, ['bin/commercecore.js', ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 90_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
const lockFile = path.join(dataDir, 'commercecore.lock')

let server: ChildProcess | undefined
async function startServer(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['bin/commercecore.js', 'serve'], { env, stdio: 'ignore' })
  for (let i = 0; i < 600; i++) { // up to 2 minutes: a first start initialises the database, slow on a busy machine
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return proc
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('server did not start')
}
async function stopServer(proc: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  proc.kill('SIGTERM')
  return exited
}
afterAll(() => { if (server?.exitCode === null) server.kill('SIGKILL') })

const post = async (url: string, body: unknown) => {
  const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.status, body: await res.json() }
}
const login = (username: string, password: string) => post('/api/v1/auth/login/', { username, password })
const jwksKids = async () => ((await (await fetch(`${base}/.well-known/jwks.json`)).json()).keys as Array<{ kid: string }>).map((k) => k.kid)
const kidOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid

const ROOT = { username: 'root', password: 'superuser passphrase 42' }
let rotatedKid = ''

describe('one process per embedded data directory', () => {
  it('refuses a second serve on the same DATA_DIR with one line naming the holder', async () => {
    server = await startServer()
    const second = cli(['serve'], { PORT: String(await freePort()) })
    expect(second.code).toBe(1)
    expect(second.stderr.trim().split('\n')).toHaveLength(1)
    expect(second.stderr).toContain(`in use by process ${server.pid}`)
    expect((await fetch(`${base}/healthz`)).ok).toBe(true)
  }, 240_000)

  it('createsuperuser while the server runs: it goes through the server, and the user signs in at once', async () => {
    const made = cli(['createsuperuser', '--username', ROOT.username, '--email', 'root@example.com', '--noinput'], { COMMERCECORE_SUPERUSER_PASSWORD: ROOT.password })
    expect(made.stderr).toBe('')
    expect(made.code).toBe(0)
    expect((await login(ROOT.username, ROOT.password)).status).toBe(200)
    const again = cli(['createsuperuser', '--username', ROOT.username, '--email', 'x@example.com', '--password', ROOT.password])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
  }, 240_000)

  it('keys rotate while the server runs: the new key is in the JWKS at once, and signs once its time comes', async () => {
    const rotated = cli(['keys', 'rotate'])
    expect(rotated.code).toBe(0)
    expect(rotated.stdout).toContain('the running server has it now')
    rotatedKid = /signing key (\S+)/.exec(rotated.stdout)?.[1] ?? ''
    expect(await jwksKids()).toContain(rotatedKid)
    // Published before it signs (70 s later with the default SIGNING_KEY_RELOAD_SECONDS).
    expect(kidOf((await login(ROOT.username, ROOT.password)).body.access)).not.toBe(rotatedKid)
  }, 240_000)

  it('import-django, purge and migrate while the server runs', async () => {
    const imported = cli(['import-django', 'test/fixtures/django-dumpdata.json'])
    expect(imported.stderr).toBe('')
    expect(imported.stdout).toContain('5 users created')
    expect((await login('bob', 'Tr0ub4dor&3-Extended')).status).toBe(200)
    const purged = cli(['purge', '--older-than', '30d'])
    expect(purged.code).toBe(0)
    expect(purged.stdout).toContain('Purged rows')
    expect(cli(['migrate']).code).toBe(0)
  }, 240_000)

  it('keeps all of it across a restart, and releases the directory on exit', async () => {
    expect(await stopServer(server as ChildProcess)).toBe(0)
    expect(existsSync(lockFile)).toBe(false)
    expect(existsSync(path.join(dataDir, 'commercecore.sock'))).toBe(false)
    server = await startServer()
    expect((await login(ROOT.username, ROOT.password)).status).toBe(200)
    expect((await login('bob', 'Tr0ub4dor&3-Extended')).status).toBe(200)
    expect(await jwksKids()).toContain(rotatedKid)
    expect(await stopServer(server)).toBe(0)
  }, 240_000)

  it('without a server, a command opens the directory itself, taking over a stale lock', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(lockFile, JSON.stringify({ pid: dead, token: 'crashed', since: '' }))
    const again = cli(['createsuperuser', '--username', ROOT.username, '--email', 'y@example.com', '--password', ROOT.password])
    expect(again.stderr).toContain('already exists') // it opened the database: the user is there
    expect(existsSync(lockFile)).toBe(false)
  }, 240_000)

  it('waits for a holder that is not a server, then refuses naming it', () => {
    const holder = spawn('sleep', ['60'])
    try {
      writeFileSync(lockFile, JSON.stringify({ pid: holder.pid, token: 'other', since: '' }))
      const started = Date.now()
      const refused = cli(['migrate'])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain(`in use by process ${holder.pid}`)
      expect(Date.now() - started).toBeGreaterThanOrEqual(10_000)
      expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(holder.pid) // not taken from a live holder
    } finally {
      holder.kill()
    }
  }, 240_000)
})

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * Runs the commands of docs/migrating-from-django.md "Moving a live Django deployment", as
 * written: `npx commercecore …` is the repository's bin, `django-users.json` is the Django
 * fixture (the `python manage.py dumpdata` line is Django's side), `curl` lines are sent
 * with fetch to the served port. A fresh embedded database, so the `default` organization
 * of the guide is this test's own.
 */
const root = path.resolve(import.meta.dirname, '../..')
const guide = readFileSync(path.join(root, 'docs/migrating-from-django.md'), 'utf8')
const section = guide.slice(guide.indexOf('## Moving a live Django deployment'))
const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1].split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')))

const cwd = mkdtempSync(path.join(tmpdir(), 'cc-guide-'))
const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)) })
})
const port = await freePort()
const { DATABASE_URL: _ignored, ...parentEnv } = process.env
const env = {
  ...parentEnv, DATA_DIR: path.join(cwd, 'data'), HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent',
  COMMERCECORE_SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789', PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1',
}
const bin = (line: string) => line.replace(/^npx commercecore\s+/, '').split(/\s+/)

/** Shell words of a one-line curl command: quotes and the options the guide uses (-X, -H, -d). */
function parseCurl(line: string) {
  const words = [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3])
  const req = { method: 'GET', url: '', headers: {} as Record<string, string>, body: undefined as string | undefined }
  for (let i = 1; i < words.length; i++) {
    const w = words[i]
    if (w === '-X') req.method = words[++i]
    else if (w === '-H') { const [k, ...v] = words[++i].split(':'); req.headers[k.trim().toLowerCase()] = v.join(':').trim() }
    else if (w === '-d') { req.body = words[++i]; if (req.method === 'GET') req.method = 'POST' }
    else req.url = w.replace('http://localhost:8000', `http://127.0.0.1:${port}`)
  }
  return req
}

let server: ChildProcess | undefined
afterAll(() => { server?.kill('SIGTERM') })

async function waitReady() {
  for (let i = 0; i < 300; i++) {
    try { if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the server did not become ready')
}

describe('docs/migrating-from-django.md: moving a live Django deployment', () => {
  it('has the steps this test runs', () => {
    expect(commands[0]).toMatch(/^python manage\.py dumpdata auth\.user auth\.group/)
    expect(commands.some((c) => c.startsWith('npx commercecore import-django'))).toBe(true)
    expect(commands.filter((c) => c.startsWith('curl')).length).toBeGreaterThanOrEqual(3)
  })

  it('dumpdata → import-django → serve → the old clients\' calls → the canonical ones', async () => {
    for (const line of commands) {
      if (line.startsWith('python manage.py dumpdata')) {
        copyFileSync(path.join(root, 'test/fixtures/django-dumpdata.json'), path.join(cwd, line.split('>').pop()!.trim()))
      } else if (line === 'npx commercecore serve') {
        server = spawn(process.execPath, [path.join(root, 'bin/commercecore.js'), 'serve'], { cwd, env, stdio: 'ignore' })
        await waitReady()
      } else if (line.startsWith('npx commercecore ')) {
        const run = spawnSync(process.execPath, [path.join(root, 'bin/commercecore.js'), ...bin(line)], { cwd, env, encoding: 'utf8', timeout: 60_000 })
        expect(run.status, `${line}\n${run.stderr}`).toBe(0)
        expect(run.stdout).toContain('5 users created')
      } else if (line.startsWith('curl ')) {
        const req = parseCurl(line)
        const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body })
        const body = await res.json()
        expect(res.status, `${line}\n→ ${res.status} ${JSON.stringify(body)}`).toBe(200)
        expect(body.access ?? body.token).toEqual(expect.any(String))
      } else {
        throw new Error(`the test does not know how to run: ${line}`)
      }
    }
  }, 240_000)
})

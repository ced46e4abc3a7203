import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { connect, createServer, type Socket } from 'node:net'
import { describe, expect, it, onTestFinished } from 'vitest'
import { testDatabaseUrl, testRedisUrl } from './support/env'
import { OutageProxy } from './support/outage-proxy'

/**
 * SIGTERM against the real process (`commercecore serve`): every connection it had
 * accepted gets an HTTP answer (never a reset), new ones are refused, the exit code is 0,
 * and that holds while PostgreSQL or Redis is down too. Logs must stay JSON throughout.
 */
const freePort = () => new Promise<number>((resolve) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number }
    srv.close(() => resolve(port))
  })
})

interface Server { proc: ChildProcess; port: number; stdout: string[]; stderr: string[]; exited: Promise<number | null> }

async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort()
  const proc = spawn(process.execPath, ['bin/commercecore.js', 'serve'], {
    env: {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), LOG_LEVEL: 'info',
      DATABASE_URL: testDatabaseUrl, COMMERCECORE_SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
      PASSWORD_HASH_MEMORY_KIB: '1024', PASSWORD_HASH_ITERATIONS: '1', THROTTLE_AUTH_PER_IP: 'off', THROTTLE_AUTH_PER_ACCOUNT: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stdout: string[] = []
  const stderr: string[] = []
  proc.stdout?.on('data', (d) => stdout.push(...String(d).split('\n').filter(Boolean)))
  proc.stderr?.on('data', (d) => stderr.push(...String(d).split('\n').filter(Boolean)))
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
  onTestFinished(() => { if (proc.exitCode === null) proc.kill('SIGKILL') })
  // Start-up alone can take many seconds on a loaded machine; the timed part starts after it.
  for (let i = 0; i < 400; i++) {
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return { proc, port, stdout, stderr, exited }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`server did not start:\n${[...stdout, ...stderr].join('\n')}`)
}

interface Answer { status?: number; connection?: string; body: string; error?: string }

/** A raw TCP connection, so the test decides exactly when bytes go out. */
function rawConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s))
    s.once('error', reject)
  })
}

/** Sends one request on `socket` and reads everything until the server closes it (or fails, or 10 s pass). */
function exchange(socket: Socket, request: string): Promise<Answer> {
  return new Promise((resolve) => {
    let data = ''
    let error: string | undefined = socket.destroyed ? `closed before the request (+${(socket as Socket & { closedAt?: number }).closedAt} ms)` : undefined
    const finish = () => {
      clearTimeout(timer)
      const [head, body = ''] = data.split('\r\n\r\n')
      const status = /^HTTP\/1\.1 (\d+)/.exec(head)?.[1]
      resolve({ status: status ? Number(status) : undefined, connection: /\r\nconnection: ([^\r]*)/i.exec(head)?.[1]?.toLowerCase(), body, error })
    }
    const timer = setTimeout(() => { error ??= 'no answer in 10 s'; socket.destroy() }, 10_000)
    if (socket.destroyed) return finish()
    socket.removeAllListeners('data')
    socket.on('data', (d) => { data += d })
    socket.on('error', (err: NodeJS.ErrnoException) => { error ??= err.code ?? err.message })
    socket.on('close', finish)
    socket.write(request)
  })
}

const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n`
const post = (path: string, body: unknown) => {
  const json = JSON.stringify(body)
  return `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`
}

/** A keep-alive connection that has already had one answer and now sits idle. */
async function idleKeepAlive(port: number): Promise<Socket> {
  const s = await rawConnection(port)
  await new Promise<void>((resolve) => {
    s.on('data', (d) => { if (String(d).includes('"status":"ok"')) resolve() })
    s.write(get('/healthz'))
  })
  return s
}

const answered = (a: Answer) => a.error === undefined && (a.status === 200 || (a.status === 503 && a.connection === 'close'))
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(check: () => boolean) {
  for (const end = Date.now() + 10_000; !check(); await sleep(10)) if (Date.now() > end) throw new Error('condition not reached in time')
}

describe('SIGTERM', () => {
  it('answers every connection already accepted (idle keep-alive, or request still on the wire), then refuses new ones and exits 0', async () => {
    const server = await startServer()
    const keepAlive = await Promise.all(Array.from({ length: 6 }, () => idleKeepAlive(server.port)))
    const silent = await Promise.all(Array.from({ length: 6 }, () => rawConnection(server.port))) // accepted, nothing sent yet
    const t0 = Date.now()
    // When a connection ended (after the signal), for the failure message.
    for (const s of [...keepAlive, ...silent]) s.once('close', () => Object.assign(s, { closedAt: Date.now() - t0 }))
    server.proc.kill('SIGTERM')
    // Requests leave at various moments after the signal: before and after the server reacts.
    const answers = [...keepAlive, ...silent].map(async (s, i) => {
      await sleep([0, 20, 60, 150, 300, 500][i % 6])
      return exchange(s, get('/healthz'))
    })
    await until(() => server.stdout.some((l) => l.includes('listener closed')))
    const refused = await rawConnection(server.port).then(() => 'accepted', (err: NodeJS.ErrnoException) => err.code)
    const results = await Promise.all(answers)
    expect(results.map((a, i) => ({ i, ...a })).filter((a) => !answered(a)), server.stdout.join('\n')).toEqual([])
    expect(refused).toBe('ECONNREFUSED')
    expect(await server.exited).toBe(0)
    expect([...server.stdout, ...server.stderr].filter((l) => { try { JSON.parse(l); return false } catch { return true } })).toEqual([])
  }, 90_000)

  it('during a Redis outage: an in-flight login gets its answer (503, fail closed), logs stay JSON, exit 0', async () => {
    const proxy = await OutageProxy.start(Number(new URL(testRedisUrl).port || 6379))
    onTestFinished(() => proxy.stop())
    const redisUrl = new URL(testRedisUrl)
    redisUrl.host = proxy.address
    const server = await startServer({ REDIS_URL: redisUrl.toString(), REDIS_PREFIX: `cc-test:${randomBytes(6).toString('hex')}:` })
    const username = `sigterm${randomBytes(4).toString('hex')}`
    const credentials = { username, password: 'sigterm test passphrase 1' }
    const reg = await exchange(await rawConnection(server.port), post('/api/v1/auth/register/', { ...credentials, email: `${username}@example.com` }))
    expect(reg.status).toBe(201)

    await proxy.set('blackhole')
    const login = exchange(await rawConnection(server.port), post('/api/v1/auth/login/', credentials))
    await sleep(100) // the login is waiting for Redis now
    server.proc.kill('SIGTERM')
    const answer = await login
    expect(answer.status).toBe(503)
    expect(JSON.parse(answer.body)).toEqual({ detail: 'The service is temporarily unavailable, try again later.', code: 'service_unavailable' })
    expect(await server.exited).toBe(0)
    const lines = [...server.stdout, ...server.stderr]
    expect(lines.filter((l) => { try { JSON.parse(l); return false } catch { return true } })).toEqual([])
  }, 90_000)

  it('during a PostgreSQL outage (black hole): in-flight requests get 503, exit 0', async () => {
    const proxy = await OutageProxy.start(Number(new URL(testDatabaseUrl).port || 5432))
    onTestFinished(() => proxy.stop())
    const databaseUrl = new URL(testDatabaseUrl)
    databaseUrl.host = proxy.address
    const server = await startServer({ DATABASE_URL: databaseUrl.toString(), DATABASE_CONNECT_TIMEOUT_MS: '1000', DATABASE_QUERY_TIMEOUT_MS: '1000' })
    await proxy.set('blackhole')
    const login = exchange(await rawConnection(server.port), post('/api/v1/auth/login/', { username: 'nobody', password: 'whatever passphrase 1' }))
    await sleep(100)
    server.proc.kill('SIGTERM')
    const answer = await login
    expect(answer.status).toBe(503)
    expect(await server.exited).toBe(0)
  }, 90_000)
})

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { acquireDataLock, DataDirLocked, lockHolder } from './data-lock'

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'cc-lock-'))
const lockFile = (dir: string) => path.join(dir, 'commercecore.lock')
const writeLock = (dir: string, holder: Record<string, unknown>) => writeFileSync(lockFile(dir), JSON.stringify({ token: 'old', since: '', ...holder }))
/** A pid no process has any more. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number

describe('the embedded data directory lock', () => {
  it('refuses a second opener with one line naming the holder, until released', async () => {
    const dir = freshDir()
    const lock = await acquireDataLock(dir)
    const err = await acquireDataLock(dir).catch((e) => e)
    expect(err).toBeInstanceOf(DataDirLocked)
    expect(err.message).toContain(`in use by process ${process.pid}`)
    expect(err.message).toContain('DATABASE_URL')
    expect(err.message.split('\n')).toHaveLength(1)
    lock.release()
    expect(existsSync(lockFile(dir))).toBe(false)
    ;(await acquireDataLock(dir)).release()
  })

  it('records the control socket for the CLI, and forgets it', async () => {
    const dir = freshDir()
    const lock = await acquireDataLock(dir)
    lock.advertise('/run/x.sock')
    expect(lockHolder(dir)).toMatchObject({ pid: process.pid, socket: '/run/x.sock' })
    lock.advertise(undefined)
    expect(lockHolder(dir)?.socket).toBeUndefined()
    lock.release()
    expect(lockHolder(dir)).toBeUndefined()
  })

  it('takes over a stale lock: a dead pid, a recycled pid, this pid from an earlier run, garbage', async () => {
    const sleeper = spawn('sleep', ['30'])
    try {
      for (const stale of [{ pid: deadPid() }, { pid: sleeper.pid, procStart: '1' }, { pid: process.pid }]) {
        const dir = freshDir()
        writeLock(dir, stale)
        const lock = await acquireDataLock(dir)
        expect(JSON.parse(readFileSync(lockFile(dir), 'utf8')).pid).toBe(process.pid)
        lock.release()
      }
      const dir = freshDir()
      writeFileSync(lockFile(dir), '{"pi')
      ;(await acquireDataLock(dir)).release()
      // Alive, and no start time recorded to tell otherwise: held.
      const held = freshDir()
      writeLock(held, { pid: sleeper.pid })
      await expect(acquireDataLock(held)).rejects.toThrow(`in use by process ${sleeper.pid}`)
    } finally {
      sleeper.kill()
    }
  })

  it('lets exactly one of several processes racing for a stale lock win', async () => {
    const dir = freshDir()
    writeLock(dir, { pid: deadPid() })
    const go = path.join(dir, 'go')
    // Each child loads, says ready, then waits for the same starting signal: a real race.
    const script = `import { existsSync } from 'node:fs'
      import { acquireDataLock } from './src/db/data-lock.ts'
      console.log('ready')
      while (!existsSync(process.argv[2])) await new Promise((r) => setTimeout(r, 2))
      try { await acquireDataLock(process.argv[1]); console.log('won'); await new Promise((r) => setTimeout(r, 2000)) } catch (e) { console.log(e.constructor.name) }`
    const children = Array.from({ length: 3 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir, go], { stdio: ['ignore', 'pipe', 'inherit'] })
      let out = ''
      const ready = new Promise<void>((resolve) => child.stdout.on('data', (d) => { out += d; if (out.includes('ready')) resolve() }))
      const done = new Promise<string>((resolve) => child.on('exit', () => resolve(out.replace('ready', '').trim())))
      return { ready, done }
    })
    await Promise.all(children.map((c) => c.ready))
    writeFileSync(go, '')
    const results = await Promise.all(children.map((c) => c.done))
    expect(results.sort()).toEqual(['DataDirLocked', 'DataDirLocked', 'won'])
    expect(existsSync(lockFile(dir))).toBe(false) // released on exit
  }, 60_000)
})

import { randomBytes } from 'node:crypto'
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * One process at a time on an embedded data directory. PGlite takes no lock of its own:
 * two processes opening one directory each keep their own copy of the database in
 * memory and overwrite each other's files, so writes silently vanish.
 *
 * `DATA_DIR/commercecore.lock` holds the owner's pid (and, for a running server, the
 * path of its control socket). It is created complete and atomically (written to a
 * private file, then hard-linked into place, which fails if it exists). A lock whose
 * process is gone (crash, SIGKILL) is stale and taken over; the takeover itself runs
 * under a second short-lived lock, so two processes never both remove it.
 */
export interface LockHolder {
  pid: number
  /** Linux: the process start time (/proc), so a recycled pid is not taken for the owner. */
  procStart?: string
  token: string
  since: string
  /** A running server's control socket: CLI commands are sent there. */
  socket?: string
}

export class DataDirLocked extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder) {
    super(`the embedded database in ${dataDir} is in use by process ${holder.pid}${holder.socket ? ' (commercecore serve)' : ''}: `
      + 'stop it first (while `serve` runs, the other commands are sent to it), or use DATABASE_URL (PostgreSQL) to run several processes; '
      + `if process ${holder.pid} is not commercecore, delete ${path.join(dataDir, LOCK_FILE)}`)
  }
}

const LOCK_FILE = 'commercecore.lock'
/** A takeover guard older than this was left by a crash in the middle of a takeover. */
const GUARD_STALE_MS = 10_000
const held = new Set<string>()

export interface DataLock {
  /** Records the control socket in the lock file, so CLI commands find the server. */
  advertise(socket: string | undefined): void
  release(): void
}

export async function acquireDataLock(dataDir: string): Promise<DataLock> {
  const file = path.join(dataDir, LOCK_FILE)
  const mine: LockHolder = { pid: process.pid, procStart: procStart(process.pid), token: randomBytes(8).toString('hex'), since: new Date().toISOString() }
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(file, mine)) break
    const holder = readHolder(file)
    if (holder && isAlive(file, holder)) throw new DataDirLocked(dataDir, holder)
    if (attempt >= 20) throw new Error(`could not take the lock ${file}; try again`)
    if (holder) takeOver(file, holder)
    else await new Promise((r) => setTimeout(r, 25)) // removed meanwhile, or a takeover in progress
  }
  held.add(file)
  const lock: DataLock = {
    advertise(socket) {
      Object.assign(mine, { socket })
      const tmp = `${file}.${mine.token}`
      writeFileSync(tmp, JSON.stringify(mine), { mode: 0o600 })
      renameSync(tmp, file)
    },
    release() {
      process.off('exit', lock.release)
      if (!held.delete(file)) return
      if (readHolder(file)?.token === mine.token) unlinkSync(file)
    },
  }
  // A normal exit (process.exit included) releases it; a kill leaves a stale lock, taken over next time.
  process.on('exit', lock.release)
  return lock
}

/** Who holds the data directory's lock, if anyone alive does. */
export function lockHolder(dataDir: string): LockHolder | undefined {
  const file = path.join(dataDir, LOCK_FILE)
  const holder = readHolder(file)
  return holder && isAlive(file, holder) ? holder : undefined
}

function createExclusive(file: string, content: LockHolder): boolean {
  const tmp = `${file}.${content.token}`
  writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 })
  try {
    linkSync(tmp, file)
    return true
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err
    // A filesystem without hard links: still exclusive, though not written whole.
    try { writeFileSync(file, JSON.stringify(content), { mode: 0o600, flag: 'wx' }) } catch { return false }
    return true
  } finally {
    unlinkSync(tmp)
  }
}

/** Removes `file` only if it still names the stale `holder`, one process at a time. */
function takeOver(file: string, holder: LockHolder): void {
  const guard = `${file}.takeover`
  const me: LockHolder = { pid: process.pid, token: randomBytes(8).toString('hex'), since: new Date().toISOString() }
  if (!createExclusive(guard, me)) {
    const age = Date.now() - (statSafe(guard)?.mtimeMs ?? Date.now())
    if (age > GUARD_STALE_MS) unlinkSafe(guard)
    return
  }
  try {
    if (readHolder(file)?.token === holder.token) unlinkSafe(file)
  } finally {
    unlinkSafe(guard)
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder
    return Number.isInteger(holder.pid) ? holder : { pid: 0, token: 'unreadable', since: '' }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    return { pid: 0, token: 'unreadable', since: '' } // not ours (always written whole): stale
  }
}

function isAlive(file: string, holder: LockHolder): boolean {
  // Our own pid: a lock of this process, or one left by a previous run with the same pid (a container's pid 1).
  if (holder.pid === process.pid) return held.has(file)
  if (holder.pid <= 0) return false
  try {
    process.kill(holder.pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false // ESRCH: gone
  }
  const started = procStart(holder.pid)
  return !(holder.procStart && started && started !== holder.procStart)
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot); undefined off Linux. */
function procStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
  } catch {
    return undefined
  }
}

const statSafe = (file: string) => { try { return statSync(file) } catch { return undefined } }
const unlinkSafe = (file: string) => { try { unlinkSync(file) } catch { /* already gone */ } }

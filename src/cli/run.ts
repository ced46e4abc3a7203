import type { Config } from '../config'
import type { Logger } from '../context'
import { DataDirLocked, lockHolder } from '../db/data-lock'
import { askServer, NotListening } from './control'
import type { Command, CommandContext } from './types'

/**
 * How long a command waits for the embedded data directory: for another command to
 * finish, or for a server that is starting to open its control socket.
 */
const WAIT_MS = 10_000

/**
 * Runs a command on its own database handle, or, when a server holds the embedded data
 * directory, sends it to that server. PostgreSQL mode needs neither: every process
 * opens its own connections.
 */
export async function runCommand(config: Config, name: string, command: Command, input: unknown): Promise<string> {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const holder = config.databaseUrl ? undefined : lockHolder(config.dataDir)
    let busy: Error | undefined
    try {
      if (holder?.socket) return await askServer(holder.socket, { command: name, input })
      if (!holder) return await runHere(config, command, input)
      busy = new DataDirLocked(config.dataDir, holder) // another command, or a server still starting
    } catch (err) {
      // Nothing was sent, or the lock was taken just now: look again.
      if (!(err instanceof NotListening || err instanceof DataDirLocked)) throw err
      busy = err instanceof NotListening && holder ? new DataDirLocked(config.dataDir, holder) : err
    }
    if (Date.now() > deadline) throw busy
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * The context is built only here, so sending a command to the server stays quick. After
 * the command, its invalidations go to the running instances through Redis when
 * REDIS_URL is set, so they drop those cached entries and reread their signing keys now.
 * Only sooner, never needed: without Redis (or while it is down) they catch up by
 * themselves, caches within AUTH_CACHE_TTL_SECONDS and keys within
 * SIGNING_KEY_RELOAD_SECONDS. A publish never fails the command, which has committed.
 */
async function runHere(config: Config, command: Command, input: unknown): Promise<string> {
  const ctx = await openCommandContext(config, command.secretKey?.(input) ?? 'none')
  try {
    return await command.execute(ctx, input)
  } finally {
    await ctx.close()
  }
}

/** A command's context in the CLI: publishes invalidations (and signing-key changes) to the running instances. */
export async function openCommandContext(config: Config, secretKey: 'check' | 'accept-unreadable' | 'none'): Promise<CommandContext> {
  const { createContext } = await import('../context')
  const { tags: cacheTags } = await import('../lib/cache-tags')
  const { ctx } = await createContext(config, { log: quietLog, role: 'command', poolSize: 2, secretKey })
  return {
    ...ctx,
    inServer: false,
    changed: ({ keys, tags = [] }) => ctx.invalidate(keys ? [...tags, cacheTags.signingKeys] : tags),
  }
}

const nothing = () => {}
/** The CLI prints its command's outcome, not the log lines of the services it runs. */
const quietLog: Logger = { level: 'silent', fatal: nothing, error: nothing, warn: nothing, info: nothing, debug: nothing, trace: nothing, silent: nothing, child: () => quietLog }

import type { Config } from '../config'
import { DataDirLocked, lockHolder } from '../db/data-lock'
import { askServer, NotListening } from './control'
import { notifyInstances } from './notify'
import type { Command } from './types'

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

/** The database modules are loaded only here, so sending a command to the server stays quick. */
async function runHere(config: Config, command: Command, input: unknown): Promise<string> {
  const { openDatabase } = await import('../db')
  const { openSecretBox } = await import('../modules/signing-keys/secret-check')
  const { ensureDefaultOrganization } = await import('../modules/organizations/bootstrap')
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
  try {
    await database.migrate()
    await ensureDefaultOrganization(database.db)
    return await command.execute({
      database,
      config,
      inServer: false,
      secrets: (opts) => openSecretBox(database.db, config, opts),
      changed: notifyInstances(config),
    }, input)
  } finally {
    await database.close()
  }
}

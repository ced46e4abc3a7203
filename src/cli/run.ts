import type { Config } from '../config'
import { openDatabase } from '../db'
import { DataDirLocked } from '../db/data-lock'
import { openSecretBox } from '../modules/keys/secret-check'
import { ensureDefaultOrganization } from '../modules/organizations/bootstrap'
import { askServer, NotListening } from './control'
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
    try {
      return await runHere(config, command, input)
    } catch (err) {
      if (!(err instanceof DataDirLocked)) throw err
      if (err.holder.socket) {
        try {
          return await askServer(err.holder.socket, { command: name, input })
        } catch (sent) {
          if (!(sent instanceof NotListening)) throw sent
        }
      }
      if (Date.now() > deadline) throw err
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

async function runHere(config: Config, command: Command, input: unknown): Promise<string> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
  try {
    await database.migrate()
    await ensureDefaultOrganization(database.db)
    return await command.execute({
      database,
      config,
      inServer: false,
      secrets: (opts) => openSecretBox(database.db, config, opts),
      // Other processes drop their caches within AUTH_CACHE_TTL_SECONDS and reload keys within 30 s.
      changed: async () => {},
    }, input)
  } finally {
    await database.close()
  }
}

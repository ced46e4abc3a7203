import type { Config } from '../config'
import type { Database } from '../db'
import type { SecretBox } from '../lib/secrets'

/**
 * What a command runs on: in the CLI (its own database handle), or in the running
 * server (the server's, when the CLI sends the command there; src/cli/control.ts).
 */
export interface CommandContext {
  /** Open and migrated. */
  database: Database
  /** The configuration of the process running the command. */
  config: Config
  /** True in the running server: its caches and signing keys are updated at once. */
  inServer: boolean
  /** The secret box, checked against the stored signing keys (src/modules/signing-keys/secret-check.ts). */
  secrets(opts?: { acceptUnreadable?: boolean }): Promise<SecretBox>
  /** After a change: reload the signing keys / drop cached entries with these tags. */
  changed(change: { keys?: boolean; tags?: string[] }): Promise<void>
}

type Flags = Record<string, string | boolean | undefined>

export interface Command<I = unknown> {
  usage: string
  summary: string
  options?: Record<string, { type: 'string' | 'boolean'; description: string }>
  /** Flags → the command's input, checked here in the CLI; plain JSON, since it may travel to the server. */
  input(config: Config, values: Flags, positionals: string[]): I | Promise<I>
  /** The work, on an open database, in the CLI or in the running server. Returns what to print. */
  execute(ctx: CommandContext, input: I): Promise<string>
}

/** Keeps each command's input type checked while the registry holds them all. */
export const defineCommand = <I>(command: Command<I>): Command<I> => command

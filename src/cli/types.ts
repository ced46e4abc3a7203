import type { Config } from '../config'
import type { AppContext } from '../context'
import type { CacheTag } from '../lib/cache-tags'

/**
 * What a command runs on: the context every service takes (src/context.ts), built by the
 * CLI itself, or the running server's when the CLI sends the command there
 * (src/cli/control.ts).
 */
export interface CommandContext extends AppContext {
  /** True in the running server: its caches and signing keys are updated at once. */
  inServer: boolean
  /** After a change: reload the signing keys / drop cached entries with these tags, on every instance. */
  changed(change: { keys?: boolean; tags?: CacheTag[] }): Promise<void>
}

type Flags = Record<string, string | boolean | undefined>

export interface Command<I = unknown> {
  usage: string
  summary: string
  options?: Record<string, { type: 'string' | 'boolean'; description: string }>
  /** Flags → the command's input, checked here in the CLI; plain JSON, since it may travel to the server. */
  input(config: Config, values: Flags, positionals: string[]): I | Promise<I>
  /**
   * Whether the command reads the secret key (`ctx.secrets`), and how it is checked; the
   * others neither check nor generate it, so `migrate` runs without it.
   */
  secretKey?(input: I): 'check' | 'accept-unreadable'
  /** The work, on an open and migrated database, in the CLI or in the running server. Returns what to print. */
  execute(ctx: CommandContext, input: I): Promise<string>
}

/** Keeps each command's input type checked while the registry holds them all. */
export const defineCommand = <I>(command: Command<I>): Command<I> => command

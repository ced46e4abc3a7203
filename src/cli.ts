import { parseArgs } from 'node:util'
import { loadConfig, type Config } from './config'
import { openDatabase } from './db'
import { loadSecretKey } from './lib/secret-key'
import { SecretBox } from './lib/secrets'
import { rotateSigningKeys } from './modules/keys/keys.service'
import { ensureDefaultOrganization } from './modules/organizations/bootstrap'
import { createSuperuser } from './modules/users/superuser'
import { serve } from './server'
import { importDjangoCommand } from './cli-import'
import { purgeCommand } from './cli-purge'

/** A command: its usage line, its options, and what it does. Errors exit 1 with one line. */
interface Command {
  usage: string
  summary: string
  options?: Record<string, { type: 'string' | 'boolean'; description: string }>
  run(config: Config, values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>
}

const commands: Record<string, Command> = {
  serve: {
    usage: 'serve',
    summary: 'Migrate the database, then serve the API on HOST:PORT',
    run: async (config) => { await serve(config) },
  },
  migrate: {
    usage: 'migrate',
    summary: 'Apply pending database migrations and create the default organization',
    run: async (config) => {
      await withDatabase(config, async (database) => {
        await database.migrate()
        await ensureDefaultOrganization(database.db)
      })
      console.log('Migrations applied.')
    },
  },
  createsuperuser: {
    usage: 'createsuperuser --username U --email E [--password P] [--organization SLUG] [--noinput]',
    summary: 'Create a superuser (password from --password or COMMERCECORE_SUPERUSER_PASSWORD)',
    options: {
      username: { type: 'string', description: 'Username (required)' },
      email: { type: 'string', description: 'Email (required)' },
      password: { type: 'string', description: 'Password (else env COMMERCECORE_SUPERUSER_PASSWORD)' },
      organization: { type: 'string', description: 'Organization id or slug (default: default)' },
      noinput: { type: 'boolean', description: 'Never prompt; fail if something is missing' },
    },
    run: async (config, v) => {
      const password = (v.password as string | undefined) ?? process.env.COMMERCECORE_SUPERUSER_PASSWORD
      if (!v.username || !v.email) throw new Error('--username and --email are required')
      if (!password) throw new Error('a password is required: --password or COMMERCECORE_SUPERUSER_PASSWORD')
      await withDatabase(config, async (database) => {
        await database.migrate()
        await ensureDefaultOrganization(database.db)
        const user = await createSuperuser(database.db, config, { username: v.username as string, email: v.email as string, password, organization: (v.organization as string | undefined) ?? 'default' })
        console.log(`Superuser "${user.username}" created (${user.id}).`)
      })
    },
  },
  keys: {
    usage: 'keys rotate',
    summary: 'Add a new JWT signing key; older keys keep verifying until their tokens expire',
    run: async (config, _v, positionals) => {
      if (positionals[0] !== 'rotate') throw new Error('usage: commercecore keys rotate')
      await withDatabase(config, async (database) => {
        await database.migrate()
        const kid = await rotateSigningKeys(database.db, new SecretBox(loadSecretKey(config.secretKey, config.dataDir)), config.jwtAlgorithm)
        console.log(`New signing key ${kid} (${config.jwtAlgorithm}); running instances pick it up within 30 seconds.`)
      })
    },
  },
}

commands['import-django'] = importDjangoCommand
commands.purge = purgeCommand

async function withDatabase(config: Config, fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>) {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
  try {
    await fn(database)
  } finally {
    await database.close()
  }
}

export function registerCommand(name: string, command: Command) {
  commands[name] = command
}

function help(): string {
  const lines = Object.values(commands).map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`)
  return `Usage: commercecore <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command takes --help. Configuration comes from environment variables (see README).`
}

function commandHelp(name: string, c: Command): string {
  const opts = Object.entries(c.options ?? {}).map(([k, o]) => `  --${k.padEnd(16)} ${o.description}`)
  return `Usage: commercecore ${c.usage}\n\n${c.summary}\n${opts.length ? `\nOptions:\n${opts.join('\n')}\n` : ''}`
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name ? 0 : 1
  }
  const command = commands[name]
  if (!command) {
    console.error(`commercecore: unknown command "${name}" (try --help)`)
    return 2
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true })
    if (values.help) {
      console.log(commandHelp(name, command))
      return 0
    }
    await command.run(loadConfig(), values as Record<string, string | boolean | undefined>, positionals)
    return 0
  } catch (err) {
    console.error(`commercecore ${name}: ${(err as Error).message.split('\n')[0]}`)
    return 1
  }
}

const code = await main(process.argv.slice(2))
// `serve` keeps running; every other command exits with its status.
if (process.argv[2] !== 'serve' || code !== 0) process.exit(code)

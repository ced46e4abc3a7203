import { importDjangoCommand } from './import-django'
import { keysCommand } from './keys'
import { purgeCommand } from './purge'
import { defineCommand, type Command } from './types'

/**
 * Every command but `serve`. Each runs the same code whether the CLI opened the database
 * itself or sent the command to the running server (src/cli/run.ts). Services are
 * imported when a command executes, so a CLI that only sends its command to the server
 * does not load them (argon2, the password dictionaries, jose).
 */
export const commands: Record<string, Command> = {
  migrate: defineCommand({
    usage: 'migrate',
    summary: 'Apply pending database migrations and create the default organization',
    input: () => ({}),
    async execute(ctx) {
      const { ensureDefaultOrganization } = await import('../modules/organizations/bootstrap')
      const report = await ctx.database.migrate()
      await ensureDefaultOrganization(ctx.db)
      return `Migrations applied: ${report.applied} new, ${report.total} in all (latest ${report.latest ?? 'none'}).`
    },
  }),
  createsuperuser: defineCommand({
    usage: 'createsuperuser --username U --email E [--password P] [--organization SLUG] [--noinput]',
    summary: 'Create a superuser (password from --password or COMMERCECORE_SUPERUSER_PASSWORD)',
    options: {
      username: { type: 'string', description: 'Username (required)' },
      email: { type: 'string', description: 'Email (required)' },
      password: { type: 'string', description: 'Password (else env COMMERCECORE_SUPERUSER_PASSWORD)' },
      organization: { type: 'string', description: 'Organization id or slug (default: default)' },
      noinput: { type: 'boolean', description: 'Never prompt; fail if something is missing' },
    },
    input(_config, v) {
      const password = (v.password as string | undefined) ?? process.env.COMMERCECORE_SUPERUSER_PASSWORD
      if (!v.username || !v.email) throw new Error('--username and --email are required')
      if (!password) throw new Error('a password is required: --password or COMMERCECORE_SUPERUSER_PASSWORD')
      return { username: String(v.username), email: String(v.email), password, organization: (v.organization as string | undefined) ?? 'default' }
    },
    async execute(ctx, input) {
      const { createSuperuser } = await import('./superuser')
      const user = await createSuperuser(ctx, input)
      return `Superuser "${user.username}" created (${user.id}).`
    },
  }),
  keys: keysCommand,
  'import-django': importDjangoCommand,
  purge: purgeCommand,
}

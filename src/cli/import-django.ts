import { readFile } from 'node:fs/promises'
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { Type } from 'typebox'
import { defineCommand } from './types'
import { commandError, validateBody } from './validate'
import type { Executor } from '../db'
import { permissions, roles, users } from '../db/schema'
import { tags } from '../lib/cache-tags'
import { REGISTRATION_ROLE } from '../lib/permissions'
import { Email } from '../lib/schemas'
import { systemActor, type Actor } from '../modules/audit/audit.repository'
import { findOrganizationByIdOrSlug, findRolesByName } from '../modules/organizations/organizations.repository'
import { addRolePermissions, insertRole } from '../modules/roles/roles.repository'
import { Username } from '../modules/users/users.schemas'
import { insertNewUsers, type NewUser } from '../modules/users/users.service'
import { write, type WriteContext, type Writer } from '../write'

/**
 * `commercecore import-django FILE` (SPEC §9): users and groups from Django's
 * `dumpdata auth.user auth.group` JSON (natural keys or not) or a CSV with the same
 * fields, into one organization, in one transaction. Password hashes are kept as they
 * are and re-hashed to argon2id at each user's first sign-in.
 *
 * - Groups become roles of the same name (created when missing); Django permissions map
 *   to built-in codenames by DJANGO_PERMISSION_MAP; others are reported and skipped.
 * - Re-import is idempotent: a user whose username (case-insensitive) already exists is
 *   skipped untouched — never overwritten, since the password may have changed since.
 * - `!`-prefixed (unusable) and unsupported hashes are imported as "no password": the
 *   user must reset it. Inactive users are imported inactive and cannot sign in.
 * - Django `is_superuser` becomes the organization's `admin` role, never a platform
 *   superuser (which would reach every organization).
 */
const DJANGO_PERMISSION_MAP: Record<string, string> = {
  view_user: 'view_users', add_user: 'manage_users', change_user: 'manage_users', delete_user: 'manage_users',
  view_group: 'view_roles', add_group: 'manage_roles', change_group: 'manage_roles', delete_group: 'manage_roles',
  view_permission: 'manage_permissions', add_permission: 'manage_permissions', change_permission: 'manage_permissions', delete_permission: 'manage_permissions',
}

/** Hash formats that PasswordHasher verifies (src/lib/passwords.ts). */
const SUPPORTED_HASH = /^(pbkdf2_sha256\$\d+\$[^$]+\$.+|pbkdf2_sha1\$\d+\$[^$]+\$.+|bcrypt_sha256\$\$2[aby]\$\d{2}\$.{53}|bcrypt\$\$2[aby]\$\d{2}\$.{53}|argon2\$argon2(id|i|d)\$.+)$/

interface ImportUser {
  username: string; email: string; password: string; first_name: string; last_name: string
  is_active: boolean; is_superuser: boolean; date_joined?: string; last_login?: string | null; groups: string[]
}
export interface ImportData { groups: Map<string, string[]>; users: ImportUser[] }
export interface ImportReport {
  organization: string
  roles_created: number; roles_updated: number
  users_created: number; users_skipped: string[]
  without_password: string[]; inactive: string[]
  skipped_permissions: string[]
}

class ImportError extends Error {}

/** Parses a dumpdata JSON array or a CSV (detected by content). */
export function parseImport(text: string, fileName = ''): ImportData {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart()
  if (fileName.endsWith('.json') || trimmed.startsWith('[')) return parseDumpdata(trimmed)
  return parseCsvUsers(trimmed)
}

function parseDumpdata(text: string): ImportData {
  let entries: unknown
  try { entries = JSON.parse(text) } catch (err) { throw new ImportError(`not valid JSON: ${(err as Error).message}`) }
  if (!Array.isArray(entries)) throw new ImportError('expected a JSON array of dumpdata objects')
  const groups = new Map<string, string[]>()
  const groupByPk = new Map<unknown, string>()
  const rawUsers: Array<{ pk: unknown; fields: Record<string, unknown> }> = []
  for (const [i, e] of entries.entries()) {
    const entry = e as { model?: unknown; pk?: unknown; fields?: Record<string, unknown> }
    if (!entry || typeof entry !== 'object' || !entry.fields || typeof entry.fields !== 'object') throw new ImportError(`entry ${i}: expected {model, pk, fields}`)
    if (entry.model === 'auth.group') {
      const name = str(entry.fields.name, `group ${String(entry.pk)}: name`)
      // Natural keys: ["view_user", "auth", "user"]; plain ids cannot be resolved without the permission table.
      const perms = (Array.isArray(entry.fields.permissions) ? entry.fields.permissions : []).map((p) => (Array.isArray(p) ? String(p[0]) : `#${String(p)}`))
      groups.set(name, perms)
      groupByPk.set(entry.pk, name)
    } else if (entry.model === 'auth.user') {
      rawUsers.push({ pk: entry.pk, fields: entry.fields })
    }
  }
  const users = rawUsers.map(({ pk, fields: f }) => {
    const where = `user ${String(pk)}`
    const groupNames = (Array.isArray(f.groups) ? f.groups : []).map((g) => {
      const name = Array.isArray(g) ? String(g[0]) : groupByPk.get(g)
      if (!name) throw new ImportError(`${where}: group ${JSON.stringify(g)} is not in the file`)
      return name
    })
    return {
      username: str(f.username, `${where}: username`), email: typeof f.email === 'string' ? f.email : '', password: typeof f.password === 'string' ? f.password : '',
      first_name: typeof f.first_name === 'string' ? f.first_name : '', last_name: typeof f.last_name === 'string' ? f.last_name : '',
      is_active: f.is_active !== false, is_superuser: f.is_superuser === true,
      date_joined: typeof f.date_joined === 'string' ? f.date_joined : undefined, last_login: typeof f.last_login === 'string' ? f.last_login : null,
      groups: groupNames,
    }
  })
  return { groups, users }
}

const str = (v: unknown, what: string) => {
  if (typeof v !== 'string' || !v) throw new ImportError(`${what} is missing`)
  return v
}

/**
 * CSV with a header row: username, email, password, first_name, last_name, is_active,
 * is_superuser, date_joined, last_login, groups (group names separated by `|`).
 * Booleans: true/false/1/0. RFC 4180 quoting.
 */
function parseCsvUsers(text: string): ImportData {
  const rows = parseCsv(text)
  const header = rows.shift()?.map((h) => h.trim().toLowerCase())
  if (!header?.includes('username')) throw new ImportError('CSV needs a header row with at least a username column')
  const bool = (v: string | undefined, dflt: boolean) => (v === undefined || v === '' ? dflt : /^(1|true|t|yes|y)$/i.test(v.trim()))
  const groups = new Map<string, string[]>()
  const users = rows.filter((r) => r.some((c) => c.trim())).map((r, i) => {
    const get = (k: string) => { const j = header.indexOf(k); return j >= 0 ? r[j] : undefined }
    const names = (get('groups') ?? '').split('|').map((g) => g.trim()).filter(Boolean)
    for (const g of names) if (!groups.has(g)) groups.set(g, [])
    return {
      username: str(get('username')?.trim(), `CSV line ${i + 2}: username`), email: get('email')?.trim() ?? '', password: get('password') ?? '',
      first_name: get('first_name') ?? '', last_name: get('last_name') ?? '',
      is_active: bool(get('is_active'), true), is_superuser: bool(get('is_superuser'), false),
      date_joined: get('date_joined') || undefined, last_login: get('last_login') || null, groups: names,
    }
  })
  return { groups, users }
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++ } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') { row.push(field); field = '' }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field); rows.push(row); row = []; field = ''
    } else field += c
  }
  if (quoted) throw new ImportError('CSV ends inside a quoted field')
  if (field !== '' || row.length) { row.push(field); rows.push(row) }
  return rows
}

/** The identity fields of POST /users/: an imported user passes the checks a created one does. */
const ImportedIdentity = Type.Object({ username: Username, email: Email })
const importActor: Actor = { ...systemActor, userAgent: 'commercecore import-django' }

function validate(data: ImportData) {
  const seenUsernames = new Set<string>()
  const seenEmails = new Set<string>()
  for (const u of data.users) {
    // Email is required and unique per organization here (Django allows blank ones).
    if (!u.email) throw new ImportError(`user "${u.username}" has no email address; every user needs one`)
    try { validateBody(ImportedIdentity, { username: u.username, email: u.email }) } catch (err) { throw new ImportError(`user "${u.username}": ${commandError(err)}`) }
    const key = u.username.toLowerCase()
    if (seenUsernames.has(key)) throw new ImportError(`user "${u.username}" appears twice in the file`)
    seenUsernames.add(key)
    if (seenEmails.has(u.email.toLowerCase())) throw new ImportError(`email "${u.email}" appears twice in the file`)
    seenEmails.add(u.email.toLowerCase())
    for (const d of [u.date_joined, u.last_login]) if (d && Number.isNaN(Date.parse(d))) throw new ImportError(`user "${u.username}": "${d}" is not a date`)
    for (const g of u.groups) if (!data.groups.has(g)) data.groups.set(g, [])
  }
}

/**
 * Imports into one organization in one transaction; returns what was done. Users are
 * written by the API's own user creation step (rows, roles, a `user.created` event each),
 * and every instance drops its cached principals after the commit: roles of existing
 * users may have gained permissions.
 */
export async function importDjango(ctx: WriteContext, data: ImportData, opts: { organization: string; emailsVerified?: boolean }): Promise<ImportReport> {
  validate(data)
  const org = await findOrganizationByIdOrSlug(ctx.db, opts.organization)
  if (!org) throw new ImportError(`organization "${opts.organization}" not found`)
  const report: ImportReport = { organization: org.slug, roles_created: 0, roles_updated: 0, users_created: 0, users_skipped: [], without_password: [], inactive: [], skipped_permissions: [] }
  await write(ctx, async (tx, w) => {
    const roleIds = await importGroups(tx, org.id, data.groups, report)
    const builtin = new Map((await findRolesByName(tx, org.id, [REGISTRATION_ROLE, 'admin'])).map((r) => [r.name, r.id]))
    for (let i = 0; i < data.users.length; i += 500) {
      await importUsers(tx, w, org.id, data.users.slice(i, i + 500), { roleIds, customer: builtin.get(REGISTRATION_ROLE), admin: builtin.get('admin'), emailsVerified: !!opts.emailsVerified }, report)
    }
    w.audit(importActor, {
      organizationId: org.id, action: 'users.imported', targetType: 'organization', targetId: org.id,
      metadata: { source: 'django', users_created: report.users_created, users_skipped: report.users_skipped.length, roles_created: report.roles_created },
    })
    w.invalidate(tags.everything)
  })
  return report
}

async function importGroups(tx: Executor, organizationId: string, groups: Map<string, string[]>, report: ImportReport): Promise<Map<string, string>> {
  const perms = await tx.select({ id: permissions.id, codename: permissions.codename }).from(permissions)
    .where(and(eq(permissions.organizationId, organizationId), isNull(permissions.deletedAt)))
  const permId = new Map(perms.map((p) => [p.codename, p.id]))
  const ids = new Map<string, string>()
  for (const [name, djangoPerms] of groups) {
    const [existing] = await tx.select({ id: roles.id }).from(roles)
      .where(and(eq(roles.organizationId, organizationId), sql`lower(${roles.name}) = ${name.toLowerCase()}`, isNull(roles.deletedAt))).limit(1)
    const roleId = existing?.id ?? (await insertRole(tx, organizationId, { name, description: 'Imported from a Django group' })).id
    if (!existing) report.roles_created++
    const wanted = new Set<string>()
    for (const p of djangoPerms) {
      const mapped = DJANGO_PERMISSION_MAP[p] ?? (permId.has(p) ? p : undefined)
      if (mapped && permId.has(mapped)) wanted.add(permId.get(mapped) as string)
      else if (!report.skipped_permissions.includes(p)) report.skipped_permissions.push(p)
    }
    if ((await addRolePermissions(tx, organizationId, roleId, [...wanted])) && existing) report.roles_updated++
    ids.set(name, roleId)
  }
  return ids
}

async function importUsers(tx: Executor, w: Writer, organizationId: string, batch: ImportUser[], ctx: { roleIds: Map<string, string>; customer?: string; admin?: string; emailsVerified: boolean }, report: ImportReport) {
  const names = batch.map((u) => u.username.toLowerCase())
  const emails = batch.map((u) => u.email.toLowerCase())
  const taken = await tx.select({ username: users.username, email: users.email }).from(users).where(and(
    eq(users.organizationId, organizationId), isNull(users.deletedAt),
    or(inArray(sql`lower(${users.username})`, names), inArray(sql`lower(${users.email})`, emails)),
  ))
  const takenNames = new Set(taken.map((t) => t.username.toLowerCase()))
  const takenEmails = new Set(taken.map((t) => t.email.toLowerCase()))
  const newUsers: NewUser[] = []
  for (const u of batch) {
    if (takenNames.has(u.username.toLowerCase()) || takenEmails.has(u.email.toLowerCase())) {
      report.users_skipped.push(u.username)
      continue
    }
    const usable = SUPPORTED_HASH.test(u.password)
    if (!usable) report.without_password.push(u.username)
    if (!u.is_active) report.inactive.push(u.username)
    const roleIds = new Set(u.groups.map((g) => ctx.roleIds.get(g) as string))
    if (ctx.customer) roleIds.add(ctx.customer)
    if (u.is_superuser && ctx.admin) roleIds.add(ctx.admin)
    newUsers.push({
      fields: {
        username: u.username, email: u.email, passwordHash: usable ? u.password : null,
        firstName: u.first_name.slice(0, 150), lastName: u.last_name.slice(0, 150), isActive: u.is_active, emailVerified: ctx.emailsVerified,
        dateJoined: u.date_joined ? new Date(u.date_joined) : new Date(), lastLogin: u.last_login ? new Date(u.last_login) : null,
      },
      roleIds: [...roleIds],
      metadata: { via: 'import-django' },
    })
  }
  report.users_created += (await insertNewUsers(tx, w, organizationId, newUsers, importActor)).length
}

export const importDjangoCommand = defineCommand({
  usage: 'import-django FILE [--organization ID|SLUG] [--emails-verified]',
  summary: 'Import users and groups from Django dumpdata JSON or CSV (hashes kept; re-hashed on first login)',
  options: {
    organization: { type: 'string', description: 'Organization id or slug (default: default)' },
    'emails-verified': { type: 'boolean', description: 'Mark imported email addresses as verified' },
  },
  async input(_config, values, positionals) {
    const file = positionals[0]
    if (!file || positionals.length > 1) throw new Error('usage: commercecore import-django FILE [--organization ID|SLUG]')
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => { throw new Error(`cannot read ${file}: ${err.code ?? err.message}`) })
    parseImport(text, file) // a malformed file fails here, before any database is opened
    // The file's content, not its path: the running server may not see the same files.
    return { text, file, organization: (values.organization as string | undefined) ?? 'default', emailsVerified: values['emails-verified'] === true }
  },
  async execute(ctx, input) {
    const r = await importDjango(ctx, parseImport(input.text, input.file), { organization: input.organization, emailsVerified: input.emailsVerified })
    const lines = [`Imported into "${r.organization}": ${r.users_created} users created, ${r.users_skipped.length} skipped (already present${r.users_skipped.length ? `: ${r.users_skipped.join(', ')}` : ''}); roles: ${r.roles_created} created, ${r.roles_updated} updated.`]
    if (r.without_password.length) lines.push(`Without a usable password (must reset): ${r.without_password.join(', ')}`)
    if (r.inactive.length) lines.push(`Inactive (cannot sign in): ${r.inactive.join(', ')}`)
    if (r.skipped_permissions.length) lines.push(`Django permissions with no equivalent, skipped: ${r.skipped_permissions.join(', ')}`)
    return lines.join('\n')
  },
})

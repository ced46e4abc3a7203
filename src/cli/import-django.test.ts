import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { hash as argonHash } from '@node-rs/argon2'
import bcrypt from 'bcryptjs'
import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { testDatabaseUrl } from '../../test/support/env'
import { call, createOrg, makeApp } from '../../test/support/helpers'
import { importDjango, parseImport } from './import-django'
import { users } from '../db/schema'
import { captureMail, settle, tokenIn } from '../../test/support/security-helpers'

// A copy of shared/fixtures/django-dumpdata.json (real Django 3.2 hashes), so the suite needs nothing outside the repo.
const FIXTURE = path.resolve(import.meta.dirname, '../../test/fixtures/django-dumpdata.json')
const fixture = readFileSync(FIXTURE, 'utf8')
const app = await makeApp()
const sent = captureMail(app)

const login = (org: { slug: string }, username: string, password: string) => call(app, 'POST', '/api/v1/auth/login/', { org: org.slug, body: { username, password } })
const storedHash = async (orgId: string, username: string) =>
  (await app.ctx.db.select().from(users).where(and(eq(users.organizationId, orgId), eq(users.username, username))))[0]?.passwordHash

describe('import-django with the Django fixture', async () => {
  const org = await createOrg(app)
  const report = await importDjango(app.ctx, parseImport(fixture, FIXTURE), { organization: org.slug })

  it('creates the users and maps groups to roles with sensible permissions', async () => {
    expect(report).toMatchObject({ users_created: 5, users_skipped: [], roles_created: 2, without_password: ['dave'], inactive: ['erin'], skipped_permissions: [] })
    const ok = await login(org, 'bob', 'Tr0ub4dor&3-Extended')
    expect(ok.status).toBe(200)
    expect(ok.body.user.roles.map((r: { name: string }) => r.name).sort()).toEqual(['Shop Staff', 'Support', 'customer'])
    const claims = JSON.parse(Buffer.from(ok.body.access.split('.')[1], 'base64url').toString())
    expect(claims.perms).toEqual(['manage_users', 'view_users'])
    expect(ok.body.user).toMatchObject({ first_name: 'Bob', last_name: 'Baker', email: 'bob@example.com', date_joined: '2026-11-22T06:38:17.592Z' })
  })

  it('signs users in with their Django passwords and re-hashes them to argon2id on first login', async () => {
    for (const [username, password, scheme] of [['alice', 'Correct-Horse-Battery-1', 'pbkdf2_sha256$'], ['carol', 'Purple-Monkey-Dishwasher-9', 'pbkdf2_sha1$']]) {
      expect(await storedHash(org.id, username)).toMatch(new RegExp(`^${scheme.replace('$', '\\$')}`))
      expect((await login(org, username, 'not the password 123')).status).toBe(401)
      expect((await login(org, username, password)).status).toBe(200)
      expect(await storedHash(org.id, username)).toMatch(/^\$argon2id\$/)
      expect((await login(org, username, password)).status).toBe(200)
    }
    expect((await login(org, 'Carol@example.com', 'Purple-Monkey-Dishwasher-9')).status).toBe(200)
  })

  it('keeps dave (unusable password) out until a reset, and erin (inactive) out', async () => {
    expect(await storedHash(org.id, 'dave')).toBeNull()
    expect((await login(org, 'dave', 'AdiqE6L8NQ3vwRYjuRjLXUkRgqBYdsKB8F7EETHw')).status).toBe(401)
    expect((await login(org, 'dave', '!AdiqE6L8NQ3vwRYjuRjLXUkRgqBYdsKB8F7EETHw')).status).toBe(401)
    await call(app, 'POST', '/api/v1/auth/password/forgot/', { org: org.slug, body: { email: 'dave@example.com' } })
    await settle(app)
    const mail = sent.find((m) => m.to === 'dave@example.com')
    expect((await call(app, 'POST', '/api/v1/auth/password/reset/', { body: { token: tokenIn(mail?.text as string), new_password: 'daves fresh passphrase 1' } })).status).toBe(204)
    expect((await login(org, 'dave', 'daves fresh passphrase 1')).status).toBe(200)

    expect((await login(org, 'erin', 'Quiet-River-Stone-77')).status).toBe(401)
  })

  it('is idempotent: a re-import skips existing usernames and leaves them untouched', async () => {
    const again = await importDjango(app.ctx, parseImport(fixture, FIXTURE), { organization: org.id })
    expect(again).toMatchObject({ users_created: 0, roles_created: 0 })
    expect(again.users_skipped.sort()).toEqual(['alice', 'bob', 'carol', 'dave', 'erin'])
    expect(await storedHash(org.id, 'alice')).toMatch(/^\$argon2id\$/)
  })
})

describe('import-django with a CSV', () => {
  it('keeps bcrypt_sha256 and argon2 hashes working, maps is_superuser to the admin role', async () => {
    const org = await createOrg(app)
    const bcryptSha256 = `bcrypt_sha256$${bcrypt.hashSync(createHash('sha256').update('Bcrypt-Sha256-Pass-1').digest('hex'), 4)}`
    const djangoArgon2 = `argon2${await argonHash('Argon2-Django-Pass-2', { algorithm: 2, memoryCost: 1024, timeCost: 1, parallelism: 1 })}`
    const csv = [
      'username,email,password,first_name,last_name,is_active,is_superuser,groups',
      `frank,frank@example.com,${bcryptSha256},Frank,"Fo, Jr.",true,false,Shop Staff|Support`,
      `gina,gina@example.com,"${djangoArgon2}",Gina,G,1,1,`,
      'hank,hank@example.com,md5$abc$def,Hank,H,true,false,',
    ].join('\r\n')
    const report = await importDjango(app.ctx, parseImport(csv, 'users.csv'), { organization: org.slug })
    expect(report).toMatchObject({ users_created: 3, roles_created: 2, without_password: ['hank'] })
    const frank = await login(org, 'frank', 'Bcrypt-Sha256-Pass-1')
    expect(frank.status).toBe(200)
    expect(frank.body.user.last_name).toBe('Fo, Jr.')
    expect(await storedHash(org.id, 'frank')).toMatch(/^\$argon2id\$/)
    const gina = await login(org, 'gina', 'Argon2-Django-Pass-2')
    expect(gina.status).toBe(200)
    expect(gina.body.user.is_superuser).toBe(false)
    expect(gina.body.user.roles.map((r: { name: string }) => r.name).sort()).toEqual(['admin', 'customer'])
    expect(await storedHash(org.id, 'gina')).toMatch(/^\$argon2id\$/)
  })

  it('rejects a bad file as a whole, naming the problem', async () => {
    const org = await createOrg(app)
    const csv = 'username,email\nivy,ivy@example.com\nIVY,other@example.com\n'
    await expect(importDjango(app.ctx, parseImport(csv, 'x.csv'), { organization: org.slug })).rejects.toThrow('user "IVY" appears twice in the file')
    await expect(importDjango(app.ctx, parseImport('username,email\nbad name,x@example.com', 'x.csv'), { organization: org.slug })).rejects.toThrow('user "bad name": username: Enter a valid value.')
    await expect(importDjango(app.ctx, parseImport('username,email\nnomail,', 'x.csv'), { organization: org.slug })).rejects.toThrow('user "nomail" has no email address; every user needs one')
    expect(() => parseImport('[{"model": "auth.user"', 'x.json')).toThrow(/not valid JSON/)
    await expect(importDjango(app.ctx, parseImport('username,email\nzed,zed@example.com', 'x.csv'), { organization: 'no-such-org-anywhere' })).rejects.toThrow('organization "no-such-org-anywhere" not found')
    expect(await app.ctx.db.select().from(users).where(eq(users.organizationId, org.id))).toHaveLength(0)
  })
})

describe('the commercecore CLI', () => {
  const cli = (args: string[]) => promisify(execFile)('node', ['bin/commercecore.js', ...args], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, DATABASE_URL: testDatabaseUrl, COMMERCECORE_SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789', LOG_LEVEL: 'silent' },
  }).then((r) => ({ code: 0, ...r }), (err) => ({ code: err.code as number, stdout: err.stdout as string, stderr: err.stderr as string }))

  it('imports a file end to end and reports the counts; errors are one line, exit 1', async () => {
    const org = await createOrg(app)
    const file = path.join(tmpdir(), `cc-import-${Date.now()}.json`)
    writeFileSync(file, fixture)
    const run = await cli(['import-django', file, '--organization', org.slug])
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain(`Imported into "${org.slug}": 5 users created, 0 skipped`)
    expect(run.stdout).toContain('Without a usable password (must reset): dave')
    expect((await login(org, 'alice', 'Correct-Horse-Battery-1')).status).toBe(200)
    const bad = await cli(['import-django', '/no/such/file.json'])
    expect(bad.code).toBe(1)
    expect(bad.stderr.trim().split('\n')).toEqual(['commercecore import-django: cannot read /no/such/file.json: ENOENT'])
    const help = await cli(['purge', '--help'])
    expect(help.stdout).toContain('Usage: commercecore purge --older-than 30d')
  }, 60_000)
})

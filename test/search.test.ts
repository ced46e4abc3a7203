import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { and, isNull, sql } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../src/app'
import { developers, organizations, products, users } from '../src/db/schema'
import { newId } from '../src/lib/ids'
import { containsAny, stepSource } from '../src/lib/search'
import { developerSearchColumns } from '../src/modules/developers/developers.repository'
import { insertOrganizationWithDefaults, organizationSearchColumns } from '../src/modules/organizations/organizations.repository'
import { productSearchColumns } from '../src/modules/products/products.repository'
import { userSearchColumns } from '../src/modules/users/users.repository'
import { call, createOrg, makeApp, testConfig, unique } from './support/helpers'
import { superuserOf } from './support/rbac-helpers'

/**
 * `?search=` on the trigram indexes, on PostgreSQL and on the embedded PGlite: the
 * migration made the indexes, the list queries can use them, and the answers are what a
 * plain ILIKE per column gives (substring, case-insensitive, `%` `_` `\` literal, never
 * across two columns, never another organization's rows), on every read step.
 */
const postgresApp = await makeApp()
const pgliteApp = await buildApp(testConfig({ databaseUrl: undefined, dataDir: mkdtempSync(path.join(tmpdir(), 'cc-search-')), secretKey: undefined }), { logger: false })
afterAll(() => pgliteApp.close())

const strip = (app: FastifyInstance, url: string) => url.replace(app.ctx.config.publicUrl, '')

describe.each([['PostgreSQL', postgresApp], ['PGlite', pgliteApp]] as const)('search on %s', (_engine, app) => {
  const listed = async (token: string, list: string, query: string, field = 'username') => {
    const res = await call(app, 'GET', `/api/v1/${list}/?${query}`, { token })
    expect(res.status).toBe(200)
    return res.body.results.map((r: Record<string, string>) => r[field]) as string[]
  }

  it('the migration created the trigram indexes, and each list query can use its index', async () => {
    const extensions = rows(await app.ctx.db.execute(sql`SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'btree_gin') ORDER BY extname`))
    expect(extensions.map((r) => r.extname)).toEqual(['btree_gin', 'pg_trgm'])
    const indexes = rows(await app.ctx.db.execute(sql`SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%\_search' ORDER BY indexname`))
    expect(indexes.map((r) => r.indexname)).toEqual(['developers_search', 'organizations_search', 'products_search', 'users_search'])
    for (const r of indexes) expect(r.indexdef).toMatch(/USING gin .*gin_trgm_ops.*WHERE \(deleted_at IS NULL\)/)

    // The planner can use a trigram index only if the list query's expression is the
    // index's: this catches the schema and the queries drifting apart. Each table is
    // shadowed by an empty temporary copy (pg_temp comes first in the search path) that
    // keeps the trigram index alone, with sequential scans off.
    const plans = {
      users: app.ctx.db.select({ id: users.id }).from(users).where(and(isNull(users.deletedAt), containsAny(userSearchColumns, 'quill'))),
      products: app.ctx.db.select({ id: products.id }).from(products).where(and(isNull(products.deletedAt), containsAny(productSearchColumns, 'quill'))),
      developers: app.ctx.db.select({ id: developers.id }).from(developers).where(and(isNull(developers.deletedAt), containsAny(developerSearchColumns, 'quill'))),
      organizations: app.ctx.db.select({ id: organizations.id }).from(organizations).where(and(isNull(organizations.deletedAt), containsAny(organizationSearchColumns, 'quill'))),
    }
    for (const [table, query] of Object.entries(plans)) {
      const { sql: text, params } = query.toSQL()
      const plan = await app.ctx.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`CREATE TEMPORARY TABLE ${table} (LIKE public.${table} INCLUDING INDEXES) ON COMMIT DROP`))
        const copies = rows(await tx.execute(sql.raw(`SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def, EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid) AS keyed
          FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = 'pg_temp.${table}'::regclass`)))
        const trigram = copies.filter((i) => String(i.def).includes('gin_trgm_ops'))
        expect(trigram).toHaveLength(1)
        // Indexes behind keys stay: with no condition on their columns they cannot serve the query.
        for (const i of copies) if (!i.keyed && i !== trigram[0]) await tx.execute(sql.raw(`DROP INDEX pg_temp.${i.name}`))
        await tx.execute(sql`SET LOCAL enable_seqscan = off`)
        return { index: trigram[0].name, lines: rows(await tx.execute(sql.raw(`EXPLAIN ${inline(text, params)}`))) }
      })
      // The term in the index condition, not a full scan of the (partial) index.
      expect(plan.lines.map((r) => Object.values(r)[0]).join('\n')).toMatch(new RegExp(`Bitmap Index Scan on ${plan.index} .*\\n\\s*Index Cond: .*~~\\* '%quill%'`))
    }
  })

  it('users: substring of any one column, case-insensitive, with % _ \\ literal, in the own organization only', async () => {
    const org = await createOrg(app)
    const admin = await superuserOf(app, org)
    const other = await createOrg(app)
    const joined = Date.now() - 3_600_000
    const row = (organizationId: string, i: number, username: string, email: string, firstName: string, lastName: string) =>
      ({ id: newId(), organizationId, username, email, firstName, lastName, dateJoined: new Date(joined + i * 1000) })
    await app.ctx.db.insert(users).values([
      row(org.id, 1, 'alpha_1', 'a1@x.test', 'Ann', 'Lee'),
      row(org.id, 2, 'alphax1', 'b1@x.test', 'Bob', 'Marsh'),
      row(org.id, 3, 'carol', 'c@x.test', '100%', 'Sure'),
      row(org.id, 4, 'dora', 'd@x.test', '1000', 'Quill'),
      row(org.id, 5, 'erin', 'e@x.test', 'Dana', 'Back\\Slash'),
      row(other.id, 6, 'frank', 'f@x.test', 'Dana', 'Quill'),
    ])
    const search = (term: string) => listed(admin.token, 'users', `ordering=username&search=${encodeURIComponent(term)}`)
    expect(await search('QUILL')).toEqual(['dora'])
    expect(await search('alpha_1')).toEqual(['alpha_1'])
    expect(await search('alpha')).toEqual(['alpha_1', 'alphax1'])
    expect(await search('100%')).toEqual(['carol'])
    expect(await search('b1@X.T')).toEqual(['alphax1'])
    expect(await search('k\\s')).toEqual(['erin'])
    expect(await search('ee')).toEqual(['alpha_1'])
    expect(await search('qqxjvw')).toEqual([])
    // The end of one column and the start of the next are not one substring.
    expect(await search('Ann Lee')).toEqual([])
    expect(await search('AnnLee')).toEqual([])
    expect(await search('Ann\u001fLee')).toEqual([])
    expect(await search('Dana')).toEqual(['erin'])
  })

  it('users: pages of a rare term (read from the index) and of a common one (read in order) have no gaps or duplicates', async () => {
    const org = await createOrg(app)
    const admin = await superuserOf(app, org)
    const joined = Date.now() - 3_600_000
    // Five old matches under 150 newer rows that do not match: more than the ordered
    // window a page of two looks at, so the rare term is read from the trigram index.
    const rows = Array.from({ length: 155 }, (_, i) => {
      const name = i < 5 ? `zephyr${i}` : `filler${i}`
      return { id: newId(), organizationId: org.id, username: name, email: `${name}@x.test`, dateJoined: new Date(joined + i * 1000) }
    })
    await app.ctx.db.insert(users).values(rows)
    const walk = async (query: string) => {
      const seen: string[] = []
      let url: string | null = `/api/v1/users/?${query}`
      let last: { previous: string | null } | undefined
      while (url) {
        const res = await call(app, 'GET', strip(app, url), { token: admin.token })
        expect(res.status).toBe(200)
        seen.push(...res.body.results.map((u: { username: string }) => u.username))
        last = res.body
        url = res.body.next
      }
      return { seen, last }
    }
    const rare = await walk('search=ZEPHYR&limit=2')
    expect(rare.seen).toEqual(['zephyr4', 'zephyr3', 'zephyr2', 'zephyr1', 'zephyr0'])
    const back = await call(app, 'GET', strip(app, rare.last!.previous!), { token: admin.token })
    expect(back.body.results.map((u: { username: string }) => u.username)).toEqual(['zephyr2', 'zephyr1'])
    const common = await walk('search=filler1&ordering=username&limit=50')
    const expected = rows.map((r) => r.username).filter((n) => n.includes('filler1')).sort()
    expect(common.seen).toEqual(expected)
  })

  it('products, developers and organizations: the same semantics over their columns', async () => {
    const org = await createOrg(app)
    const admin = await superuserOf(app, org)
    const tag = unique('q').toLowerCase()
    await app.ctx.db.insert(products).values([
      { id: newId(), organizationId: org.id, sku: 'SKU-1', name: 'Plain mug', description: `blue ${tag}`, price: '1.00', currency: 'EUR' },
      { id: newId(), organizationId: org.id, sku: 'SKU_2', name: 'Echo 100%', description: '', price: '2.00', currency: 'EUR' },
      { id: newId(), organizationId: org.id, sku: 'SKUX2', name: 'Echo 1000', description: '', price: '3.00', currency: 'EUR' },
    ])
    expect(await listed(admin.token, 'products', `search=${tag.toUpperCase()}`, 'sku')).toEqual(['SKU-1'])
    expect(await listed(admin.token, 'products', 'search=sku_2', 'sku')).toEqual(['SKU_2'])
    expect(await listed(admin.token, 'products', 'search=100%25', 'sku')).toEqual(['SKU_2'])
    expect(await listed(admin.token, 'products', `search=${encodeURIComponent(`mug blue`)}`, 'sku')).toEqual([])

    await app.ctx.db.insert(developers).values([
      { id: newId(), organizationId: org.id, name: `Ops ${tag}`, email: 'ops@x.test' },
      { id: newId(), organizationId: org.id, name: 'Billing', email: `bill_${tag}@x.test` },
    ])
    expect(await listed(admin.token, 'developers', `search=${tag}&ordering=name`, 'name')).toEqual(['Billing', `Ops ${tag}`])
    expect(await listed(admin.token, 'developers', 'search=OPS@', 'name')).toEqual([`Ops ${tag}`])
    expect(await listed(admin.token, 'developers', 'search=l_', 'name')).toEqual(['Billing'])

    const acme = await app.ctx.db.transaction((tx) => insertOrganizationWithDefaults(tx, { name: `Acme ${tag}`, slug: `acme-${tag}` }))
    expect(await listed(admin.token, 'organizations', `search=ACME%20${tag}`, 'id')).toEqual([acme.id])
    expect(await listed(admin.token, 'organizations', `search=acme-${tag}`, 'id')).toEqual([acme.id])
    expect(await listed(admin.token, 'organizations', `search=${tag}%20acme`, 'id')).toEqual([])
  })
})

const rows = (res: unknown) => (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as Array<Record<string, unknown>>

/** `$1`… of a drizzle query replaced by literals, for EXPLAIN (the values are the test's own patterns). */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n) => `'${String(params[Number(n) - 1]).replaceAll("'", "''")}'`)
}

describe('the read steps', () => {
  it("fence the `matches` step with OFFSET 0 (drizzle drops a numeric 0, and the planner would flatten it)", () => {
    const source = stepSource(postgresApp.ctx.db, users, { kind: 'matches' }, { where: isNull(users.deletedAt), orderBy: [] }, containsAny(userSearchColumns, 'ada'))
    const text = postgresApp.ctx.db.select().from(source.from).toSQL().sql
    expect(text).toMatch(/ offset 0\) "users"/)
  })
})

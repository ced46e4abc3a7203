import { and, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db'
import { organizations } from '../../db/schema'

const MAX = 63

/**
 * `"Acme Shoes & Co."` → `acme-shoes-co`: lowercase ASCII letters and digits, every other run
 * of characters one hyphen, accents dropped (`Café` → `cafe`). A name with nothing left
 * (`"日本"`) becomes `org`. Always matches SLUG_PATTERN.
 */
export function slugify(name: string): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX - 8).replace(/-+$/, '')
  return base || 'org'
}

/**
 * `base`, or else `base-N` with the smallest N no live organization holds (seed 000:
 * `{"name": …}` alone is a valid create body). One query, however many share the name.
 */
export async function uniqueSlug(exec: Executor, name: string): Promise<string> {
  const base = slugify(name)
  const taken = await exec.select({ slug: organizations.slug }).from(organizations)
    .where(and(isNull(organizations.deletedAt), sql`${organizations.slug} ~ ${`^${base}(-[0-9]+)?$`}`))
  const used = new Set(taken.map((r) => r.slug))
  if (!used.has(base)) return base
  let n = 2
  while (used.has(`${base}-${n}`)) n++
  return `${base}-${n}`
}

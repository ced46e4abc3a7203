import pg from 'pg'

/**
 * Fixtures of bench/search.ts, straight in SQL (generate_series): one organization with
 * BIG users and four others with OTHER users each. Reused when already there, so only the
 * first run pays for it (about a minute, most of it building the trigram index).
 *
 * The terms: `Zephyrquill` is the last name of one user of the big organization and of
 * half the users of every other one (rare here, common elsewhere: the case where a
 * planner that cannot tell organizations apart walks the wrong index); `qqxjvw` is in no
 * row; first and last names come from short lists, so `schmidt` is in 1 row of 25.
 */
export const BIG = 1_000_000
const OTHER = 50_000
export const BIG_SLUG = 'bench-search-big'

const firstNames = ['Anna', 'Ben', 'Carla', 'David', 'Eva', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Klara', 'Lukas', 'Mia', 'Noah', 'Olga', 'Paul', 'Rosa', 'Sven', 'Tara', 'Uwe']
const lastNames = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Braun', 'Zimmermann', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler']
const domains = ['example.com', 'mail.test', 'corp.example', 'shop.test']

/** The big organization's id, seeding it (and the others) first if it is not there yet. */
export async function seedSearchFixtures(databaseUrl: string, createOrganization: (slug: string) => Promise<string>): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const found = await client.query<{ id: string; n: number }>(
      `SELECT o.id, (SELECT count(*)::int FROM users u WHERE u.organization_id = o.id AND u.username LIKE 'seed.%') AS n FROM organizations o WHERE o.slug = $1`, [BIG_SLUG])
    if (found.rows[0]?.n === BIG) return found.rows[0].id
    if (found.rows[0]) throw new Error(`${BIG_SLUG} holds ${found.rows[0].n} seeded users, not ${BIG}: drop the bench database`)
    const started = Date.now()
    const orgs = [await createOrganization(BIG_SLUG)]
    for (let i = 1; i <= 4; i++) orgs.push(await createOrganization(`bench-search-other-${i}`))
    await bulkInsertUsers(client, `
      INSERT INTO users (id, organization_id, username, email, first_name, last_name, date_joined)
      SELECT (lpad(to_hex(1700000000000 + g), 12, '0') || '7' || lpad(to_hex(g % 4096), 3, '0') || '8' || lpad(to_hex(g), 15, '0'))::uuid,
        ($1::uuid[])[CASE WHEN g <= $2 THEN 1 ELSE 2 + (g - $2 - 1) / $3 END],
        'seed.' || lower(f) || '.' || g, lower(f) || '.' || lower(l) || g || '@' || ($6::text[])[1 + g % 4],
        f, CASE WHEN g = $2 / 2 OR (g > $2 AND g % 2 = 0) THEN 'Zephyrquill' ELSE l END,
        timestamptz '2025-01-01' + g * interval '10 seconds'
      FROM generate_series(1, $2 + 4 * $3) g,
        LATERAL (SELECT ($4::text[])[1 + g % 20] AS f, ($5::text[])[1 + (g / 20) % 25] AS l) names`,
    [orgs, BIG, OTHER, firstNames, lastNames, domains])
    console.log(`seeded ${BIG + 4 * OTHER} users in ${((Date.now() - started) / 1000).toFixed(0)} s`)
    return orgs[0]
  } finally {
    await client.end()
  }
}

/**
 * Runs a bulk `INSERT INTO users …` with the trigram index dropped and rebuilt once after
 * the rows are in (several times faster than updating it row by row), then ANALYZE.
 */
export async function bulkInsertUsers(client: pg.Client, insert: string, params: unknown[]): Promise<void> {
  await client.query('BEGIN')
  const { rows: [index] } = await client.query<{ def: string }>(`SELECT pg_get_indexdef('users_search'::regclass) AS def`)
  await client.query('DROP INDEX users_search')
  await client.query(insert, params)
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`)
  await client.query(index.def)
  await client.query('COMMIT')
  await client.query('ANALYZE users')
}

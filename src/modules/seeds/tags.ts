/** One OpenAPI tag per seed system, naming the README each route comes from. */
export const SEED_TAGS = {
  '001': { name: 'seed 001: Django user management', description: 'Seed-compatible routes of the Django user-management service (JWT login/refresh, users, groups). Groups are roles. See docs/migrating-from-django.md.' },
  '002': { name: 'seed 002: RBAC API', description: 'Seed-compatible routes of the Django RBAC API (register/login, users, roles, permissions, user-roles). See docs/migrating-from-django.md.' },
  '003': { name: 'seed 003: e-commerce API', description: 'Seed-compatible routes of the Django e-commerce API (userinfo, password reset, products, orders), at the root. See docs/migrating-from-django.md.' },
  '004': { name: 'seed 004: DRF token authentication', description: 'Seed-compatible routes of the DRF authtoken service (create, token, me). See docs/migrating-from-django.md.' },
} as const

export const seedTag = (seed: keyof typeof SEED_TAGS) => [SEED_TAGS[seed].name]
/** Summary of an adapter route: what it is and the canonical route it runs. */
export const via = (what: string, canonical: string) => `${what} — runs ${canonical}`

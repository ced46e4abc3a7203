import type { FastifyInstance } from 'fastify'
import { seedLoginRoutes } from './login.routes'
import { seed001Routes } from './seed001.routes'
import { seed002Routes } from './seed002.routes'
import { seed003Routes } from './seed003.routes'
import { seed004Routes } from './seed004.routes'

/**
 * The paths, bodies and response fields of the five Django systems this product replaces
 * (SPEC §10; docs/migrating-from-django.md), served next to `/api/v1/` unless
 * SEED_ROUTES=false. Seed 000's paths are the canonical ones.
 */
export async function seedRoutes(app: FastifyInstance) {
  await app.register(seedLoginRoutes)
  await app.register(seed001Routes)
  await app.register(seed002Routes)
  await app.register(seed003Routes)
  await app.register(seed004Routes)
}

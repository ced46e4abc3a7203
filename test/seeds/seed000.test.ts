import { describe, expect, it } from 'vitest'
import { slugify } from '../../src/modules/organizations/slug'
import { createOrg, makeApp, unique } from '../support/helpers'
import { superuserOf } from '../support/rbac-helpers'
import { bearer, httpClient } from '../support/seed-http'

/** Seed 000 (CommerceCore Authentication API): its examples, on /api/v1/, with its name-only bodies. */
const app = await makeApp()
const http = await httpClient(app)

describe('seed 000: organizations and developers from {"name": …}', async () => {
  const home = await createOrg(app)
  const root = await superuserOf(app, home)
  const auth = bearer(root.token)

  it('slugify: lowercase, hyphens, accents dropped, never empty', () => {
    expect(slugify('Organization Name')).toBe('organization-name')
    expect(slugify('  Café  Crème & Co. ')).toBe('cafe-creme-co')
    expect(slugify('日本')).toBe('org')
    expect(slugify('x'.repeat(100))).toHaveLength(55)
  })

  it('POST /api/v1/organizations/ {"name"} derives a unique slug; GET, PUT {"name"}, DELETE work as the README lists them', async () => {
    const name = `Organization Name ${unique('')}`
    const created = await http('POST', '/api/v1/organizations/', { headers: auth, body: { name } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ name, slug: slugify(name) })
    // The same name again: made unique among live organizations.
    const again = await http('POST', '/api/v1/organizations/', { headers: auth, body: { name } })
    expect(again.status).toBe(201)
    expect(again.body.slug).toBe(`${slugify(name)}-2`)
    // Still settable explicitly.
    const explicit = await http('POST', '/api/v1/organizations/', { headers: auth, body: { name, slug: unique('chosen-') } })
    expect(explicit.status).toBe(201)
    expect(explicit.body.slug).toMatch(/^chosen-/)

    const id = created.body.id
    expect((await http('GET', '/api/v1/organizations/', { headers: auth })).status).toBe(200)
    expect((await http('GET', `/api/v1/organizations/${id}/`, { headers: auth })).body.name).toBe(name)
    const put = await http('PUT', `/api/v1/organizations/${id}/`, { headers: auth, body: { name: 'New Organization Name' } })
    expect(put.status, JSON.stringify(put.body)).toBe(200)
    // A rename keeps the slug: clients send it as X-Organization.
    expect(put.body).toMatchObject({ name: 'New Organization Name', slug: created.body.slug })
    expect((await http('DELETE', `/api/v1/organizations/${id}/`, { headers: auth })).status).toBe(204)
    expect((await http('GET', `/api/v1/organizations/${id}/`, { headers: auth })).status).toBe(404)
  })

  it('the slug of a soft-deleted organization is free again for a name-only create', async () => {
    const name = `Gone ${unique('')}`
    const first = await http('POST', '/api/v1/organizations/', { headers: auth, body: { name } })
    await http('DELETE', `/api/v1/organizations/${first.body.id}/`, { headers: auth })
    expect((await http('POST', '/api/v1/organizations/', { headers: auth, body: { name } })).body.slug).toBe(first.body.slug)
  })

  it('a name with nothing sluggable still gets a valid, unique slug', async () => {
    const a = await http('POST', '/api/v1/organizations/', { headers: auth, body: { name: '日本' } })
    const b = await http('POST', '/api/v1/organizations/', { headers: auth, body: { name: '日本' } })
    expect(a.status).toBe(201)
    expect(b.status).toBe(201)
    expect(a.body.slug).toMatch(/^org(-\d+)?$/)
    expect(b.body.slug).not.toBe(a.body.slug)
  })

  it('developers: POST {"name"}, GET list and one, PUT {"name"}, DELETE (soft)', async () => {
    const h = { ...auth, 'x-organization': home.slug }
    const created = await http('POST', '/api/v1/developers/', { headers: h, body: { name: 'Developer Name' } })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({ name: 'Developer Name', organization: home.id })
    const id = created.body.id
    expect((await http('GET', '/api/v1/developers/', { headers: h })).body.results.map((d: { id: string }) => d.id)).toContain(id)
    expect((await http('GET', `/api/v1/developers/${id}/`, { headers: h })).status).toBe(200)
    const put = await http('PUT', `/api/v1/developers/${id}/`, { headers: h, body: { name: 'New Developer Name' } })
    expect(put.status).toBe(200)
    expect(put.body.name).toBe('New Developer Name')
    expect((await http('DELETE', `/api/v1/developers/${id}/`, { headers: h })).status).toBe(204)
    expect((await http('GET', `/api/v1/developers/${id}/`, { headers: h })).status).toBe(404)
  })

  it('errors keep the README statuses: 400 bad body, 401 without a token, 404 unknown id', async () => {
    expect((await http('POST', '/api/v1/organizations/', { headers: auth, body: {} })).body).toEqual({ name: ['This field is required.'] })
    expect((await http('POST', '/api/v1/organizations/', { body: { name: 'x' } })).status).toBe(401)
    expect((await http('GET', '/api/v1/organizations/01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e/', { headers: auth })).status).toBe(404)
  })
})

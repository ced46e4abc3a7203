import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { errorResponses, IdParams, Page } from '../../lib/schemas'
import { toPage } from '../../lib/pagination'
import { actorOf, hasPermission } from '../../plugins/auth'
import { CreateProduct, Product, ProductQuery, UpdateProduct } from './products.schemas'
import { changeProduct, createProduct, deleteProduct, getProduct, listCatalogue, productPage } from './products.service'

const tags = ['products']
const manage = { access: { permission: 'manage_products' } } as const

export const productsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/products/', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'The catalogue of the organization (X-Organization, or the caller\'s own); inactive products only with manage_products',
      querystring: ProductQuery, response: { 200: Page(Product), ...errorResponses(400, 404) },
    },
  }, async (req) => {
    const page = productPage(req.query)
    const rows = await listCatalogue(app.ctx, req.organizationId, req.query, hasPermission(req, 'manage_products'), page)
    return toPage(rows, page, req, (r) => (page.field === 'created_at' ? r.id : r[page.field as 'price' | 'name']))
  })

  app.get('/products/:id/', {
    config: { access: 'public' },
    schema: { tags, summary: 'One product', params: IdParams, response: { 200: Product, ...errorResponses(404) } },
  }, async (req) => getProduct(app.ctx, req.organizationId, req.params.id, hasPermission(req, 'manage_products')))

  app.post('/products/', {
    config: manage,
    schema: { tags, summary: 'Create a product', body: CreateProduct, response: { 201: Product, ...errorResponses(400, 401, 403) } },
  }, async (req, reply) => reply.code(201).send(await createProduct(app.ctx, req.organizationId, req.body, actorOf(req))))

  app.put('/products/:id/', {
    config: manage,
    schema: { tags, summary: 'Replace a product (omitted optional fields keep their values)', params: IdParams, body: CreateProduct, response: { 200: Product, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changeProduct(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req)))

  app.patch('/products/:id/', {
    config: manage,
    schema: { tags, summary: 'Change some fields of a product', params: IdParams, body: UpdateProduct, response: { 200: Product, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => changeProduct(app.ctx, req.organizationId, req.params.id, req.body, actorOf(req)))

  app.delete('/products/:id/', {
    config: manage,
    schema: { tags, summary: 'Delete a product (soft)', params: IdParams, response: { 204: Type.Null(), ...errorResponses(401, 403, 404) } },
  }, async (req, reply) => {
    await deleteProduct(app.ctx, req.organizationId, req.params.id, actorOf(req))
    return reply.code(204).send(null)
  })
}

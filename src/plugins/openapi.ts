import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config'
import { docsCsp } from './security-headers'

/** OpenAPI 3.1 generated from the route schemas that also validate requests. */
export async function registerOpenApi(app: FastifyInstance, config: Config) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CommerceCore Auth',
        version: '1.0.0',
        description: 'Multi-tenant authentication, authorization and user management. Errors use DRF shapes: `{"detail", "code"}` or `{"field": ["message"]}`.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A JWT access token or an API key (`cc_pat_…`, `cc_dev_…`).' },
          token: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'DRF style: `Token <key>`.' },
        },
      },
      security: [{ bearer: [] }, { token: [] }],
    },
  })
  // The UI's own routes are public (declared here, at registration, not matched per request).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config as object), public: true }
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true, validatorUrl: null }, staticCSP: docsCsp(config) })
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger())
}

import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config'
import { nameExports } from '../lib/schema-names'
import { VERSION } from '../lib/version'
import * as apiKeys from '../modules/api-keys/api-keys.schemas'
import * as audit from '../modules/audit/audit.schemas'
import * as developers from '../modules/developers/developers.schemas'
import * as oauthClients from '../modules/oauth-clients/oauth-clients.schemas'
import * as orders from '../modules/orders/orders.schemas'
import * as organizations from '../modules/organizations/organizations.schemas'
import * as permissions from '../modules/permissions/permissions.schemas'
import * as password from '../modules/password/password.schemas'
import * as products from '../modules/products/products.schemas'
import * as roles from '../modules/roles/roles.schemas'
import * as sessions from '../modules/sessions/sessions.schemas'
import * as userRoles from '../modules/user-roles/user-roles.schemas'
import * as users from '../modules/users/users.schemas'
import { openApiTransforms } from './openapi-document'
import { docsCsp } from './security-headers'

// Every exported schema of a module's *.schemas.ts is a component, named after its export.
for (const module of [apiKeys, audit, developers, oauthClients, orders, organizations, password, permissions, products, roles, sessions, userRoles, users]) nameExports(module)

/** Where the document lives; /docs/json (the UI's default) redirects here. */
const OPENAPI_PATH = '/openapi.json'

/** OpenAPI 3.1 generated from the route schemas that also validate requests (see openapi-document.ts). */
export async function registerOpenApi(app: FastifyInstance, config: Config) {
  const { transform, transformObject } = openApiTransforms()
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CommerceCore Auth',
        version: VERSION,
        description: 'Multi-tenant authentication, authorization and user management. Errors use DRF shapes: `{"detail", "code"}` or `{"field": ["message"]}`. '
          + 'The tenant of public endpoints is chosen with the `X-Organization` header. A typed TypeScript client generated from this document is in `clients/typescript/`.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT access token or an API key (`cc_pat_…`, `cc_dev_…`).' },
          token: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'DRF style: `Token <key>`.' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'The `METRICS_TOKEN` setting, for `/metrics` only.' },
        },
      },
      security: [{ bearer: [] }, { token: [] }],
    },
    transform,
    transformObject,
  })
  // The UI's own routes are public (declared here, at registration, not matched per request).
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/docs')) return
    route.config = { ...(route.config as object), access: 'public' }
    // One canonical URL for the document: the UI's own ones are permanent redirects to it
    // (JSON is YAML too, so a client of /docs/yaml still reads what it gets).
    if (route.url === '/docs/json' || route.url === '/docs/yaml') route.handler = (_req, reply) => reply.redirect(OPENAPI_PATH, 301)
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // `urls` (the top bar's list) wins over the UI's built-in `./json`; relative, so it works under a path prefix.
    uiConfig: { deepLinking: true, validatorUrl: null, urls: [{ url: `..${OPENAPI_PATH}`, name: 'CommerceCore Auth' }] },
    staticCSP: docsCsp(config),
  })
  app.get(OPENAPI_PATH, { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger())
}

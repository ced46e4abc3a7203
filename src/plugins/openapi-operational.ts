/**
 * How /healthz, /readyz and /metrics are documented. Their routes (src/plugins/observability.ts)
 * stay hidden from the route-driven document; this is their description, used by the
 * OpenAPI transform only, so it never serializes a real response.
 */
import { oidcDocs } from '../modules/oidc/oidc.docs'
import { pagesDocs } from '../modules/pages/pages.docs'

const tags = ['operations']
const Status = { type: 'string', enum: ['ok', 'unavailable'] }
const Check = { type: 'string', enum: ['ok', 'down'] }
const Readiness = {
  type: 'object', required: ['status', 'database'],
  properties: { status: Status, database: Check, redis: { ...Check, description: 'Present when REDIS_URL is set.' } },
}

export const operationalDocs: Record<string, object> = {
  ...pagesDocs,
  ...oidcDocs,
  'GET /healthz': {
    tags, security: [], summary: 'Liveness: the process is up and answering (checks nothing else)',
    response: { 200: { 'x-response-description': 'Alive.', type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } },
  },
  'GET /readyz': {
    tags, security: [], summary: 'Readiness: every dependency (PostgreSQL, and Redis when configured) answers; 503 names the one that does not',
    response: {
      200: { 'x-response-description': 'Ready: every dependency answers.', ...Readiness },
      503: { 'x-response-description': 'Not ready: at least one dependency is `down`.', ...Readiness },
    },
  },
  'GET /metrics': {
    tags, security: [{}, { metricsToken: [] }],
    summary: 'Prometheus metrics: requests, password-hash queue, admission, database pool, Redis, logins, lockouts, refresh reuse, email, caches',
    description: 'Public unless `METRICS_TOKEN` is set; then it needs `Authorization: Bearer <METRICS_TOKEN>`.',
    response: {
      200: { description: 'Prometheus text exposition format.', content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' } } } },
      401: { description: 'METRICS_TOKEN is set and the request did not carry it.' },
    },
  },
}

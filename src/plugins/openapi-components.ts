import { codesOfStatus } from '../lib/error-codes'
import { ErrorBody, FieldErrors } from '../lib/schemas'
import { named } from '../lib/schema-names'

/** The reusable pieces of the OpenAPI document: DRF error responses, headers, parameters. */

named('Error', ErrorBody)
named('ValidationErrors', FieldErrors)

const ref = (kind: string, name: string) => ({ $ref: `#/components/${kind}/${name}` })
const errorContent = (schema: string) => ({ 'application/json': { schema: ref('schemas', schema) } })

const headers = {
  RetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } },
  WWWAuthenticate: { description: 'The authentication scheme expected (RFC 6750): `Bearer realm="api"`, with `error="invalid_token"` for a token that is not valid.', schema: { type: 'string' } },
  IdempotentReplayed: { description: '`true` when this is the stored response of an earlier request with the same Idempotency-Key (nothing was done again).', schema: { type: 'string', enum: ['true'] } },
  XRequestId: { description: 'The id of this request in the server logs (echoed from the request, or generated).', schema: { type: 'string' } },
}

const parameters = {
  XOrganization: {
    name: 'X-Organization', in: 'header', required: false, schema: { type: 'string', maxLength: 200, examples: ['acme'] },
    description: 'The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. '
      + 'A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404.',
  },
  IdempotencyKey: {
    name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 255 },
    description: 'Retries with the same key and body get the first response again (with `Idempotent-Replayed: true`) for 24 hours; the same key with another body is a 409.',
  },
}

const retryAfter = { 'Retry-After': ref('headers', 'RetryAfter') }

/** Error responses by status: each a DRF body (`{"detail", "code"}`, or field errors for 400); their codes come from lib/error-codes.ts. */
const errorResponseTexts: Record<number, { name: string; description: string; headers?: object }> = {
  400: { name: 'BadRequest', description: 'Invalid input: field errors `{"field": ["message"]}` (dotted paths for nested fields), or `{"detail", "code"}` for a body that is not JSON.' },
  401: { name: 'Unauthorized', description: 'No credentials, or credentials that are not valid.', headers: { 'WWW-Authenticate': ref('headers', 'WWWAuthenticate') } },
  403: { name: 'Forbidden', description: 'Authenticated, but not allowed: a missing permission, or a developer key on a "my account" endpoint.' },
  404: { name: 'NotFound', description: 'No such resource in this organization; also the answer for another tenant\'s resources, or an unknown X-Organization.' },
  405: { name: 'MethodNotAllowed', description: 'The path exists, but not with this method; the `Allow` header lists the methods that it has.' },
  409: { name: 'Conflict', description: 'Conflicts with the current state: a duplicate, a resource in use, an Idempotency-Key in flight or reused.' },
  413: { name: 'PayloadTooLarge', description: 'The request body is larger than BODY_LIMIT.' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not `application/json`.' },
  429: { name: 'TooManyRequests', description: 'Throttled: too many attempts from this address or for this account.', headers: retryAfter },
  500: { name: 'InternalServerError', description: 'An unexpected failure; the body never says more than this.' },
  503: { name: 'ServiceUnavailable', description: 'A dependency (PostgreSQL, Redis) is down or the server is overloaded or shutting down; retry later.', headers: retryAfter },
}

const errorResponses: Record<number, { name: string; response: object }> = Object.fromEntries(Object.entries(errorResponseTexts).map(([status, { name, description, headers }]) => {
  const codes = codesOfStatus(Number(status)).map((c) => `\`${c}\``).join(', ')
  const content = status === '400' ? { 'application/json': { schema: { anyOf: [ref('schemas', 'ValidationErrors'), ref('schemas', 'Error')] } } } : errorContent('Error')
  return [status, { name, response: { description: `${description} Codes: ${codes}.`, ...(headers ? { headers } : {}), content } }]
}))

export const errorResponseRef = (status: number) => {
  const known = errorResponses[status]
  return known ? ref('responses', known.name) : { description: `Error ${status}.`, content: errorContent('Error') }
}

/** The DRF error bodies, referred to from `components.responses` (routes only let them through). */
export const errorSchemas = () => ({
  Error: structuredClone(ErrorBody),
  ValidationErrors: {
    type: 'object',
    description: 'Field errors: `{"field": ["message"], "non_field_errors": [...]}`; nested fields use dotted paths.',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    examples: [{ email: ['Enter a valid email address.'] }, { 'items.0.quantity': ['Ensure this value is greater than or equal to 1.'] }, { non_field_errors: ['No data provided'] }],
  },
})

export const components = {
  responses: Object.fromEntries(Object.values(errorResponses).map((e) => [e.name, e.response])),
  parameters,
  headers,
}

export { ref as componentRef }

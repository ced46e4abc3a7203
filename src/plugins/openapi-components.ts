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

/** Error responses by status: each a DRF body (`{"detail", "code"}`, or field errors for 400). */
const errorResponses: Record<number, { name: string; response: object }> = {
  400: {
    name: 'BadRequest',
    response: {
      description: 'Invalid input: field errors `{"field": ["message"]}` (dotted paths for nested fields), or `{"detail", "code": "parse_error"}` for a body that is not JSON.',
      content: { 'application/json': { schema: { anyOf: [ref('schemas', 'ValidationErrors'), ref('schemas', 'Error')] } } },
    },
  },
  401: { name: 'Unauthorized', response: { description: 'No credentials, or credentials that are not valid (`not_authenticated`, `token_not_valid`, `no_active_account`…).', headers: { 'WWW-Authenticate': ref('headers', 'WWWAuthenticate') }, content: errorContent('Error') } },
  403: { name: 'Forbidden', response: { description: 'Authenticated, but not allowed (`permission_denied`): a missing permission, or a developer key on a "my account" endpoint.', content: errorContent('Error') } },
  404: { name: 'NotFound', response: { description: 'No such resource in this organization (`not_found`); also the answer for another tenant\'s resources, or an unknown X-Organization.', content: errorContent('Error') } },
  409: { name: 'Conflict', response: { description: 'Conflicts with the current state (`conflict`): a duplicate, a resource in use, an Idempotency-Key in flight or reused.', content: errorContent('Error') } },
  413: { name: 'PayloadTooLarge', response: { description: 'The request body is larger than BODY_LIMIT (`request_too_large`).', content: errorContent('Error') } },
  415: { name: 'UnsupportedMediaType', response: { description: 'The body is not `application/json` (`unsupported_media_type`).', content: errorContent('Error') } },
  429: { name: 'TooManyRequests', response: { description: 'Throttled (`throttled`): too many attempts from this address or for this account.', headers: { 'Retry-After': ref('headers', 'RetryAfter') }, content: errorContent('Error') } },
  503: { name: 'ServiceUnavailable', response: { description: 'A dependency (PostgreSQL, Redis) is down or the server is overloaded or shutting down (`service_unavailable`); retry later.', headers: { 'Retry-After': ref('headers', 'RetryAfter') }, content: errorContent('Error') } },
}

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

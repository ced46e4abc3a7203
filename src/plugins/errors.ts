import type { ErrorObject } from 'ajv'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { ApiError, ValidationError, conflict, isCheckViolation, isForeignKeyViolation, isUnavailable, isUniqueViolation, isUnstorableText, nonFieldError, notFound, serviceUnavailable } from '../lib/errors'
import { checkJsonBody } from '../lib/json-input'
import { requestAjv } from '../lib/ajv'
import { compiledOnFirstUse } from '../lib/lazy-compile'

/**
 * One error handler for the whole API: every error becomes a DRF-shaped body (SPEC §2),
 * from the codes of lib/error-codes.ts. Validators come from lib/ajv.ts.
 */
declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route (method + URL pattern): 405 detection, and tests generated from the route table. */
    routeTable: { pattern: RegExp; method: string; url: string }[]
  }
}

export function registerErrorHandling(app: FastifyInstance) {
  const bodyAjv = requestAjv('body')
  const queryAjv = requestAjv('query')
  app.setValidatorCompiler(({ schema, httpPart }) => compiledOnFirstUse(() => (httpPart === 'body' ? bodyAjv : queryAjv).compile(schema)))

  // JSON only: a text/plain body is a 415, not a string.
  app.removeContentTypeParser('text/plain')
  // Fastify's own JSON parser (secure-json-parse: `__proto__`/`constructor` keys are a 400),
  // then the limits a schema cannot express: depth and unpaired surrogates (lib/json-input.ts).
  const parseJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, raw, done) => {
    parseJson(req, raw as string, (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined)
      const problem = checkJsonBody(raw as string, value)
      return problem ? done(new ValidationError(problem), undefined) : done(null, value)
    })
  })

  const routes: { pattern: RegExp; method: string; url: string }[] = []
  app.decorate('routeTable', routes)
  app.addHook('onRoute', (route) => {
    // The CORS preflight route (plugins/cors.ts, `OPTIONS *`) is no API operation: an OPTIONS it does not answer is a 405 like any other method.
    if (route.method === 'OPTIONS') return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const pattern = new RegExp(`^${route.url.replace(/\/$/, '').replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*')}/?$`)
    for (const method of methods) routes.push({ pattern, method, url: route.url })
  })

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method))]
    if (allowed.length > 0) return sendError(reply, new ApiError('method_not_allowed', { detail: `Method "${req.method}" not allowed.`, headers: { allow: allowed.join(', ') } }))
    return sendError(reply, notFound())
  })

  app.setErrorHandler((err: FastifyError, req, reply) => sendError(reply, toApiError(err, req)))
}

/** The only place an error body is written: DRF field errors, or `{"detail", "code"}` from the list. */
function sendError(reply: FastifyReply, err: ApiError | ValidationError) {
  if (err instanceof ValidationError) return reply.code(err.statusCode).send(err.fields)
  return reply.code(err.statusCode).headers(err.headers).send(err.body)
}

/** Every error thrown anywhere, as one of the two answers `sendError` knows. */
function toApiError(err: FastifyError, req: FastifyRequest): ApiError | ValidationError {
  if (err instanceof ApiError || err instanceof ValidationError) return err
  if (err.validation) {
    // A malformed id in the path is an object that does not exist (as in DRF's URL routing).
    if (err.validationContext === 'params') return notFound()
    return new ValidationError(formatValidation(err.validation as ErrorObject[], err.validationContext === 'body'))
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('unsupported_media_type', { detail: `Unsupported media type "${req.headers['content-type'] ?? ''}" in request.` })
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('request_too_large')
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return nonFieldError('No data provided')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('parse_error', { detail: `JSON parse error - ${err.message}` })
  }
  if (err instanceof SyntaxError && err.statusCode === 400) return new ApiError('parse_error', { detail: `JSON parse error - ${err.message}` })
  // PostgreSQL or Redis down: the client did nothing wrong and may retry (SPEC §2 shapes, Retry-After).
  if (isUnavailable(err)) {
    req.log.warn({ err: (err as Error).message, cause: ((err as Error).cause as Error | undefined)?.message }, 'dependency unavailable')
    return serviceUnavailable()
  }
  // Database constraints are the last line of defence; the services check first, but a race ends here.
  if (isUniqueViolation(err)) return new ApiError('conflict')
  if (isForeignKeyViolation(err)) return nonFieldError('A referenced object does not exist.')
  if (isCheckViolation(err)) return conflict('The change violates a constraint.')
  if (isUnstorableText(err)) return nonFieldError('Null characters are not allowed.')
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new ApiError('error', { status: err.statusCode, detail: err.message })
  req.log.error({ err }, 'unhandled error')
  return new ApiError('error')
}

const typeMessages: Record<string, string> = {
  string: 'Not a valid string.',
  integer: 'A valid integer is required.',
  number: 'A valid number is required.',
  boolean: 'Must be a valid boolean.',
  object: 'Expected a dictionary of items.',
  array: 'Expected a list of items.',
}

const formatMessages: Record<string, string> = {
  email: 'Enter a valid email address.',
  uuid: 'Must be a valid UUID.',
  'date-time': 'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].',
  uri: 'Enter a valid URL.',
}

/** ajv errors → `{"field": ["message"]}`; nested fields use dotted paths (`items.0.quantity`). */
export function formatValidation(errors: ErrorObject[], isBody: boolean): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  const add = (field: string, message: string) => {
    const list = (out[field] ??= [])
    if (!list.includes(message)) list.push(message)
  }
  for (const e of errors) {
    const path = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join('.')
    const p = e.params as Record<string, unknown>
    switch (e.keyword) {
      case 'required': add(join(path, String(p.missingProperty)), 'This field is required.'); break
      case 'additionalProperties': add(join(path, String(p.additionalProperty)), 'Unknown field.'); break
      case 'type':
        if (!path) add('non_field_errors', isBody ? 'Invalid data. Expected a dictionary.' : 'Invalid query.')
        else add(path, e.data === null ? 'This field may not be null.' : typeMessages[String(p.type).split(',')[0]] ?? 'Invalid value.')
        break
      case 'minLength': add(path, p.limit === 1 ? 'This field may not be blank.' : `Ensure this field has at least ${p.limit} characters.`); break
      case 'maxLength': add(path, `Ensure this field has no more than ${p.limit} characters.`); break
      case 'format': add(path, formatMessages[String(p.format)] ?? 'Enter a valid value.'); break
      case 'pattern': add(path, 'Enter a valid value.'); break
      case 'enum': add(path, `"${String(e.data)}" is not a valid choice.`); break
      case 'const': add(path, `"${String(e.data)}" is not a valid choice.`); break
      case 'minimum': add(path, `Ensure this value is greater than or equal to ${p.limit}.`); break
      case 'maximum': add(path, `Ensure this value is less than or equal to ${p.limit}.`); break
      case 'minItems': add(path, `Ensure this field has at least ${p.limit} elements.`); break
      case 'maxItems': add(path, `Ensure this field has no more than ${p.limit} elements.`); break
      case 'minProperties': add(path || 'non_field_errors', 'At least one field is required.'); break
      case 'anyOf': case 'oneOf': case 'if': break // the branch errors above say more
      default: add(path || 'non_field_errors', 'Invalid value.')
    }
  }
  if (Object.keys(out).length === 0) out.non_field_errors = ['Invalid input.']
  return out
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key)

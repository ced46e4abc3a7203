import { Type, type TSchema } from 'typebox'
import { errorCodes, type ErrorCode } from './error-codes'

/** Shared TypeBox pieces: one schema is the type, the validation, the OpenAPI and the response filter. */
export const Uuid = Type.String({ format: 'uuid', examples: ['01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e'] })
export const Email = Type.String({ format: 'email', maxLength: 254, examples: ['ada@example.com'] })
export const Timestamp = Type.String({ format: 'date-time', examples: ['2026-11-22T09:30:00.000Z'] })
/**
 * A timestamp or null, as one JSON Schema type list (valid in OpenAPI 3.1) rather than an
 * anyOf: fast-json-stringify serializes a type list inline, but tries each branch of an
 * anyOf with ajv on every value (a date-time format check per row of a list; bench/list.ts).
 */
export const NullableTimestamp = Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time', examples: ['2026-11-22T09:30:00.000Z'] })
export const Password = Type.String({ minLength: 1, maxLength: 4096, writeOnly: true, examples: ['correct horse battery staple'] })

export const IdParams = Type.Object({ id: Uuid })
/** The 204 of a delete or an action that returns nothing. */
export const NoContent = Type.Null({ description: 'No content' })

/** Every field of `fields`, optional: the body of a PATCH built from the fields of a create. */
export const allOptional = <T extends Record<string, TSchema>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof T]: ReturnType<typeof Type.Optional<T[K]>> }

/** `{"detail", "code"}`: the code is one of the list (lib/error-codes.ts), which the OpenAPI document enumerates. */
export const ErrorBody = Type.Object({ detail: Type.String(), code: Type.Unsafe<ErrorCode>({ type: 'string', enum: errorCodes }) }, { additionalProperties: true })
/** 400: field errors `{"field": ["message"]}`, or `{"detail", "code"}` for a body that is not JSON. */
export const FieldErrors = Type.Record(Type.String(), Type.Unknown(), { description: 'Field errors: {"field": ["message"], "non_field_errors": [...]}', examples: [{ email: ['Enter a valid email address.'] }] })

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
}

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    next: Type.Union([Type.String(), Type.Null()]),
    previous: Type.Union([Type.String(), Type.Null()]),
    results: Type.Array(item),
  })

/** Standard error responses to document on a route (merged into its `response`). */
export const errorResponses = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, c === 400 ? FieldErrors : ErrorBody]))

import { Type, type Static } from 'typebox'
import { MAX_ORIGIN_LENGTH } from '../../lib/origins'
import { allOptional, PageQuery, Timestamp, Uuid } from '../../lib/schemas'

export const SLUG_PATTERN = '^[a-z0-9][a-z0-9-]{0,62}$'

const ProfileSchema = Type.Union([
  Type.Record(Type.String(), Type.Unknown(), { description: "A JSON Schema (draft-07, at most 16 KiB; patterns in RE2 syntax, local non-recursive $ref only) that every user's profile in the organization must satisfy." }),
  Type.Null(),
], { examples: [{ type: 'object', properties: { shoe_size: { type: 'integer', minimum: 15, maximum: 60 } }, additionalProperties: false }] })

/** At most this many per organization: a shop has a storefront or two, not hundreds. */
export const MAX_CORS_ORIGINS = 20
const CorsAllowedOrigins = Type.Array(Type.String({ minLength: 1, maxLength: MAX_ORIGIN_LENGTH }), {
  maxItems: MAX_CORS_ORIGINS,
  description: "Browser origins (scheme://host[:port], no path) whose pages may call the API for this organization, besides the server's CORS_ALLOWED_ORIGINS. Stored normalized (lowercase, default port dropped, duplicates removed); `*`, `null` and wildcards are refused. See docs/cors.md.",
  examples: [['https://shop.example.com']],
})

export const Organization = Type.Object({
  id: Uuid,
  name: Type.String(),
  slug: Type.String(),
  allow_registration: Type.Boolean(),
  require_email_verification: Type.Boolean(),
  profile_schema: ProfileSchema,
  cors_allowed_origins: CorsAllowedOrigins,
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type Organization = Static<typeof Organization>

const fields = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Acme Shoes'] }),
  slug: Type.String({ pattern: SLUG_PATTERN, description: 'Lowercase letters, digits and hyphens; what clients send as X-Organization.', examples: ['acme-shoes'] }),
  allow_registration: Type.Boolean({ description: 'Whether /auth/register/ is open.', examples: [true] }),
  require_email_verification: Type.Boolean({ examples: [false] }),
  profile_schema: ProfileSchema,
  cors_allowed_origins: CorsAllowedOrigins,
}

/** `{"name": …}` alone is a valid body (seed 000): the slug is then derived from the name. */
export const CreateOrganization = Type.Object({
  name: fields.name,
  slug: Type.Optional(Type.String({
    pattern: SLUG_PATTERN, examples: ['acme-shoes'],
    description: 'What clients send as X-Organization. Omitted: derived from the name (`Acme Shoes` → `acme-shoes`, then `acme-shoes-2`, …); on PUT, omitted keeps the current slug.',
  })),
  allow_registration: Type.Optional(fields.allow_registration),
  require_email_verification: Type.Optional(fields.require_email_verification),
  profile_schema: Type.Optional(fields.profile_schema),
  cors_allowed_origins: Type.Optional(fields.cors_allowed_origins),
}, { additionalProperties: false })
export type CreateOrganization = Static<typeof CreateOrganization>

export const UpdateOrganization = Type.Object(allOptional(fields), { additionalProperties: false })
export type UpdateOrganization = Static<typeof UpdateOrganization>

export const OrganizationListQuery = Type.Object({
  ...PageQuery,
  search: Type.Optional(Type.String({ maxLength: 150, description: 'Substring of the name or slug (case-insensitive).' })),
  ordering: Type.Optional(Type.String({ description: 'slug, created_at; prefix "-" for descending.', examples: ['slug'] })),
  deleted: Type.Optional(Type.Boolean({ description: 'true: the soft-deleted organizations instead, to restore one (superusers only; anyone else gets 403).' })),
})

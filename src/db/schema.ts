import { sql } from 'drizzle-orm'
import {
  boolean, check, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { searchText } from './search-text'

/**
 * One schema for PostgreSQL and PGlite. Ids are UUIDv7 made by the application
 * (PostgreSQL 15 has no uuidv7()), so they sort by creation time and serve as the
 * keyset for cursor pagination. Tenancy lives in the keys: every tenant table has
 * UNIQUE (organization_id, id), and links between tenant rows use composite foreign
 * keys, so a row of one organization can never point at a row of another.
 */
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })
const createdAt = () => ts('created_at').notNull().defaultNow()
const updatedAt = () => ts('updated_at').notNull().defaultNow()
const deletedAt = () => ts('deleted_at')
const orgId = () => uuid('organization_id').notNull().references(() => organizations.id)
const live = (t: { deletedAt: unknown }) => sql`${t.deletedAt} IS NULL`
/**
 * `?search=` is a substring match (ILIKE '%term%'), which no btree can serve. A trigram
 * GIN index over the searched text (pg_trgm) finds the rows holding every trigram of the
 * term; organization_id as a second GIN key (btree_gin) keeps other tenants' matches out
 * of the bitmap, so a term common elsewhere but rare here stays cheap.
 */
const trigramSearch = (name: string, columns: AnyPgColumn[], organizationId?: AnyPgColumn) => {
  const text = sql`(${searchText(columns)}) gin_trgm_ops`
  return organizationId ? index(name).using('gin', organizationId, text) : index(name).using('gin', text)
}

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  allowRegistration: boolean('allow_registration').notNull().default(true),
  requireEmailVerification: boolean('require_email_verification').notNull().default(false),
  profileSchema: jsonb('profile_schema').$type<Record<string, unknown> | null>(),
  /** Browser origins (normalized, src/lib/origins.ts) allowed to call the API for this organization. */
  corsAllowedOrigins: text('cors_allowed_origins').array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
}, (t) => [
  uniqueIndex('organizations_slug_live').on(t.slug).where(live(t)),
  trigramSearch('organizations_search', [t.name, t.slug]).where(live(t)),
  // The CORS origin index loads only the organizations that list origins.
  index('organizations_cors_origins_live').on(t.id).where(sql`${t.deletedAt} IS NULL AND cardinality(${t.corsAllowedOrigins}) > 0`),
])

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  username: text('username').notNull(),
  email: text('email').notNull(),
  /** null: no usable password (imported `!…` hashes, or not set yet). */
  passwordHash: text('password_hash'),
  firstName: text('first_name').notNull().default(''),
  lastName: text('last_name').notNull().default(''),
  phoneNumber: text('phone_number').notNull().default(''),
  profile: jsonb('profile').$type<Record<string, unknown>>().notNull().default({}),
  isActive: boolean('is_active').notNull().default(true),
  isSuperuser: boolean('is_superuser').notNull().default(false),
  emailVerified: boolean('email_verified').notNull().default(false),
  mfaEnabled: boolean('mfa_enabled').notNull().default(false),
  /** TOTP secret, encrypted with the secret key; set at setup, live once confirmed. */
  totpSecretEncrypted: text('totp_secret_encrypted'),
  dateJoined: ts('date_joined').notNull().defaultNow(),
  lastLogin: ts('last_login'),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
}, (t) => [
  unique('users_org_id').on(t.organizationId, t.id),
  uniqueIndex('users_username_live').on(t.organizationId, sql`lower(${t.username})`).where(live(t)),
  uniqueIndex('users_email_live').on(t.organizationId, sql`lower(${t.email})`).where(live(t)),
  // Keyset pagination of /users/?ordering=date_joined.
  index('users_date_joined_live').on(t.organizationId, t.dateJoined, t.id).where(live(t)),
  trigramSearch('users_search', [t.username, t.email, t.firstName, t.lastName], t.organizationId).where(live(t)),
])

export const permissions = pgTable('permissions', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  name: text('name').notNull(),
  codename: text('codename').notNull(),
  description: text('description').notNull().default(''),
  isBuiltin: boolean('is_builtin').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
}, (t) => [
  unique('permissions_org_id').on(t.organizationId, t.id),
  uniqueIndex('permissions_codename_live').on(t.organizationId, t.codename).where(live(t)),
])

export const roles = pgTable('roles', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
}, (t) => [
  unique('roles_org_id').on(t.organizationId, t.id),
  uniqueIndex('roles_name_live').on(t.organizationId, sql`lower(${t.name})`).where(live(t)),
])

export const rolePermissions = pgTable('role_permissions', {
  organizationId: orgId(),
  roleId: uuid('role_id').notNull(),
  permissionId: uuid('permission_id').notNull(),
}, (t) => [
  primaryKey({ columns: [t.roleId, t.permissionId] }),
  foreignKey({ columns: [t.organizationId, t.roleId], foreignColumns: [roles.organizationId, roles.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.organizationId, t.permissionId], foreignColumns: [permissions.organizationId, permissions.id] }).onDelete('cascade'),
  index('role_permissions_permission').on(t.permissionId),
])

export const userRoles = pgTable('user_roles', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  userId: uuid('user_id').notNull(),
  roleId: uuid('role_id').notNull(),
  createdAt: createdAt(),
}, (t) => [
  unique('user_roles_org_id').on(t.organizationId, t.id),
  unique('user_roles_user_role').on(t.userId, t.roleId),
  foreignKey({ columns: [t.organizationId, t.userId], foreignColumns: [users.organizationId, users.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.organizationId, t.roleId], foreignColumns: [roles.organizationId, roles.id] }).onDelete('cascade'),
  index('user_roles_role').on(t.roleId),
])

export const developers = pgTable('developers', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  name: text('name').notNull(),
  email: text('email').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
}, (t) => [
  unique('developers_org_id').on(t.organizationId, t.id),
  uniqueIndex('developers_name_live').on(t.organizationId, sql`lower(${t.name})`).where(live(t)),
  trigramSearch('developers_search', [t.name, t.email], t.organizationId).where(live(t)),
])

export const developerRoles = pgTable('developer_roles', {
  organizationId: orgId(),
  developerId: uuid('developer_id').notNull(),
  roleId: uuid('role_id').notNull(),
}, (t) => [
  primaryKey({ columns: [t.developerId, t.roleId] }),
  foreignKey({ columns: [t.organizationId, t.developerId], foreignColumns: [developers.organizationId, developers.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.organizationId, t.roleId], foreignColumns: [roles.organizationId, roles.id] }).onDelete('cascade'),
])

/** Personal access tokens (owned by a user) and developer API keys. Only the SHA-256 of a key is stored. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  userId: uuid('user_id'),
  developerId: uuid('developer_id'),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull(),
  expiresAt: ts('expires_at'),
  lastUsedAt: ts('last_used_at'),
  createdAt: createdAt(),
  revokedAt: ts('revoked_at'),
}, (t) => [
  unique('api_keys_org_id').on(t.organizationId, t.id),
  uniqueIndex('api_keys_hash').on(t.keyHash),
  foreignKey({ columns: [t.organizationId, t.userId], foreignColumns: [users.organizationId, users.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.organizationId, t.developerId], foreignColumns: [developers.organizationId, developers.id] }).onDelete('cascade'),
  check('api_keys_one_owner', sql`(${t.userId} IS NULL) <> (${t.developerId} IS NULL)`),
  index('api_keys_user').on(t.userId),
  index('api_keys_developer').on(t.developerId),
])

/** A sign-in: one refresh-token family. Ending it kills its refresh and access tokens. */
export const sessions = pgTable('sessions', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  userId: uuid('user_id').notNull(),
  userAgent: text('user_agent').notNull().default(''),
  ip: text('ip').notNull().default(''),
  createdAt: createdAt(),
  lastUsedAt: ts('last_used_at').notNull().defaultNow(),
  expiresAt: ts('expires_at').notNull(),
  revokedAt: ts('revoked_at'),
  revokedReason: text('revoked_reason'),
}, (t) => [
  unique('sessions_org_id').on(t.organizationId, t.id),
  foreignKey({ columns: [t.organizationId, t.userId], foreignColumns: [users.organizationId, users.id] }).onDelete('cascade'),
  index('sessions_user').on(t.userId),
])

/** Every refresh token ever issued for a session; a rotated one presented again is reuse. */
export const refreshTokens = pgTable('refresh_tokens', {
  id: uuid('id').primaryKey(),
  sessionId: uuid('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
  createdAt: createdAt(),
  rotatedAt: ts('rotated_at'),
}, (t) => [uniqueIndex('refresh_tokens_hash').on(t.tokenHash), index('refresh_tokens_session').on(t.sessionId)])

/** Single-use tokens: password reset, email verification, MFA login step. Stored hashed. */
export const oneTimeTokens = pgTable('one_time_tokens', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  userId: uuid('user_id').notNull(),
  purpose: text('purpose').notNull(),
  tokenHash: text('token_hash').notNull(),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('one_time_tokens_hash').on(t.tokenHash),
  index('one_time_tokens_user').on(t.userId, t.purpose),
  foreignKey({ columns: [t.organizationId, t.userId], foreignColumns: [users.organizationId, users.id] }).onDelete('cascade'),
])

export const mfaRecoveryCodes = pgTable('mfa_recovery_codes', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  userId: uuid('user_id').notNull(),
  codeHash: text('code_hash').notNull(),
  usedAt: ts('used_at'),
  createdAt: createdAt(),
}, (t) => [
  index('mfa_recovery_codes_user').on(t.userId),
  foreignKey({ columns: [t.organizationId, t.userId], foreignColumns: [users.organizationId, users.id] }).onDelete('cascade'),
])

/**
 * JWT signing keys. The private key is encrypted with the secret key. A key is published
 * (JWKS) from its creation, signs from `activates_at` until `retired_at`, and stays
 * published until the tokens it signed have expired, unless `revoked_at` (a compromise
 * rotation) withdrew it at once (src/modules/signing-keys/key-schedule.ts).
 */
export const signingKeys = pgTable('signing_keys', {
  id: text('id').primaryKey(),
  algorithm: text('algorithm').notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  privateKeyEncrypted: text('private_key_encrypted').notNull(),
  createdAt: createdAt(),
  activatesAt: ts('activates_at').notNull().defaultNow(),
  retiredAt: ts('retired_at'),
  revokedAt: ts('revoked_at'),
})

export const auditEvents = pgTable('audit_events', {
  id: uuid('id').primaryKey(),
  organizationId: uuid('organization_id').references(() => organizations.id),
  actorType: text('actor_type').notNull(),
  actorId: uuid('actor_id'),
  action: text('action').notNull(),
  targetType: text('target_type'),
  targetId: uuid('target_id'),
  ip: text('ip').notNull().default(''),
  userAgent: text('user_agent').notNull().default(''),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: createdAt(),
}, (t) => [
  index('audit_events_org').on(t.organizationId, t.id),
  index('audit_events_action').on(t.organizationId, t.action, t.id),
  // /audit-events/?actor= and ?target= walk these instead of the whole log.
  index('audit_events_actor').on(t.organizationId, t.actorId, t.id),
  index('audit_events_target').on(t.organizationId, t.targetId, t.id),
])

export const products = pgTable('products', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  sku: text('sku').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  price: numeric('price', { precision: 12, scale: 2 }).notNull(),
  currency: text('currency').notNull(),
  stock: integer('stock').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
}, (t) => [
  unique('products_org_id').on(t.organizationId, t.id),
  uniqueIndex('products_sku_live').on(t.organizationId, t.sku).where(live(t)),
  // Keyset pages of the catalogue by ?ordering=price / name stay index range scans.
  index('products_price_live').on(t.organizationId, t.price, t.id).where(live(t)),
  index('products_name_live').on(t.organizationId, t.name, t.id).where(live(t)),
  trigramSearch('products_search', [t.name, t.sku, t.description], t.organizationId).where(live(t)),
  check('products_stock_nonnegative', sql`${t.stock} >= 0`),
  check('products_price_nonnegative', sql`${t.price} >= 0`),
])

export const orders = pgTable('orders', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  userId: uuid('user_id').notNull(),
  status: text('status').notNull().default('pending'),
  total: numeric('total', { precision: 14, scale: 2 }).notNull(),
  currency: text('currency').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
}, (t) => [
  unique('orders_org_id').on(t.organizationId, t.id),
  foreignKey({ columns: [t.organizationId, t.userId], foreignColumns: [users.organizationId, users.id] }),
  index('orders_org_user').on(t.organizationId, t.userId, t.id),
])

export const orderItems = pgTable('order_items', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  orderId: uuid('order_id').notNull(),
  productId: uuid('product_id').notNull(),
  name: text('name').notNull(),
  unitPrice: numeric('unit_price', { precision: 12, scale: 2 }).notNull(),
  quantity: integer('quantity').notNull(),
}, (t) => [
  foreignKey({ columns: [t.organizationId, t.orderId], foreignColumns: [orders.organizationId, orders.id] }).onDelete('cascade'),
  foreignKey({ columns: [t.organizationId, t.productId], foreignColumns: [products.organizationId, products.id] }),
  index('order_items_order').on(t.orderId),
  check('order_items_quantity_positive', sql`${t.quantity} > 0`),
])

/** Idempotency-Key records for POST /orders/: the first response is replayed for 24 h. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  organizationId: orgId(),
  principalId: uuid('principal_id').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  responseStatus: integer('response_status'),
  responseBody: jsonb('response_body'),
  createdAt: createdAt(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [primaryKey({ columns: [t.organizationId, t.principalId, t.key] })])

/**
 * An OAuth 2.1 / OpenID Connect client of one organization, owned by a developer
 * (src/modules/oauth-clients/). A confidential client's secret is stored as its SHA-256
 * (it is random, 256 bits): shown once, never kept.
 */
export const oauthClients = pgTable('oauth_clients', {
  id: uuid('id').primaryKey(),
  organizationId: orgId(),
  developerId: uuid('developer_id').notNull(),
  /** The public `client_id` (unique across organizations, so a client never names two). */
  clientId: text('client_id').notNull(),
  name: text('name').notNull(),
  /** `confidential` (has a secret) or `public` (SPA, mobile: PKCE, no secret). */
  kind: text('kind').$type<'confidential' | 'public'>().notNull(),
  secretHash: text('secret_hash'),
  tokenEndpointAuthMethod: text('token_endpoint_auth_method').$type<'client_secret_basic' | 'client_secret_post' | 'none'>().notNull(),
  redirectUris: text('redirect_uris').array().notNull().default(sql`'{}'::text[]`),
  postLogoutRedirectUris: text('post_logout_redirect_uris').array().notNull().default(sql`'{}'::text[]`),
  grantTypes: text('grant_types').array().notNull(),
  scopes: text('scopes').array().notNull(),
  /** The organization's own app: no consent page. */
  firstParty: boolean('first_party').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  deletedAt: deletedAt(),
}, (t) => [
  unique('oauth_clients_org_id').on(t.organizationId, t.id),
  uniqueIndex('oauth_clients_client_id').on(t.clientId),
  foreignKey({ columns: [t.organizationId, t.developerId], foreignColumns: [developers.organizationId, developers.id] }).onDelete('cascade'),
  index('oauth_clients_developer').on(t.developerId),
  check('oauth_clients_kind', sql`${t.kind} IN ('confidential', 'public')`),
  check('oauth_clients_secret', sql`(${t.kind} = 'confidential') = (${t.secretHash} IS NOT NULL)`),
  check('oauth_clients_auth_method', sql`(${t.kind} = 'public') = (${t.tokenEndpointAuthMethod} = 'none')`),
])

/**
 * What the OpenID provider stores (src/modules/oidc/adapter.ts): codes, access and refresh
 * tokens, grants, browser sessions, interactions. Keyed by the SHA-256 of the artifact's
 * id, which for a token is the token itself, so nothing here can be presented as a
 * credential. Always read within one organization.
 */
export const oauthArtifacts = pgTable('oauth_artifacts', {
  kind: text('kind').notNull(),
  idHash: text('id_hash').notNull(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  grantId: text('grant_id'),
  sessionUid: text('session_uid'),
  accountId: text('account_id'),
  clientId: text('client_id'),
  expiresAt: ts('expires_at'),
  consumedAt: ts('consumed_at'),
}, (t) => [
  primaryKey({ columns: [t.kind, t.idHash] }),
  index('oauth_artifacts_grant').on(t.grantId),
  index('oauth_artifacts_session_uid').on(t.sessionUid),
  index('oauth_artifacts_account').on(t.organizationId, t.accountId),
  index('oauth_artifacts_client').on(t.clientId),
  index('oauth_artifacts_expires').on(t.expiresAt),
])

/** The session (of `sessions`) an OpenID provider browser session signed in with: ending it ends the client's tokens. */
export const oauthSessionLinks = pgTable('oauth_session_links', {
  sessionUid: text('session_uid').primaryKey(),
  organizationId: orgId(),
  sessionId: uuid('session_id').notNull().references(() => sessions.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [index('oauth_session_links_session').on(t.sessionId)])

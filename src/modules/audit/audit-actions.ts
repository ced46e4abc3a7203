/**
 * Every audit action the API writes: the audit log (`GET /audit-events/?action=`) and its
 * readers filter by these exact strings, so they never change once written. An action
 * with a metadata shape listed in `AuditMetadata` must be written with that shape.
 */
const AUDIT_ACTIONS = [
  'login', 'login.failed', 'logout', 'logout.all', 'refresh.reuse_detected', 'session.ended',
  'user.registered', 'user.created', 'user.updated', 'user.deleted', 'user.restored', 'user.roles_set', 'users.imported',
  'user_role.created', 'user_role.deleted',
  'email.verified', 'password.changed', 'password.reset_requested', 'password.reset',
  'mfa.enabled', 'mfa.disabled', 'mfa.recovery_code_used',
  'api_key.created', 'api_key.revoked',
  'organization.created', 'organization.updated', 'organization.deleted', 'organization.restored',
  'role.created', 'role.updated', 'role.deleted', 'role.restored',
  'permission.created', 'permission.updated', 'permission.deleted', 'permission.restored',
  'developer.created', 'developer.updated', 'developer.deleted', 'developer.restored',
  'oauth_client.created', 'oauth_client.updated', 'oauth_client.deleted', 'oauth_client.secret_rotated',
  'product.created', 'product.updated', 'product.deleted',
  'order.created', 'order.status_changed', 'order.deleted',
  'oauth.consent_granted', 'oauth.grant_revoked',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

type Fields = { fields: string[] }
type UserRoleChange = { user_role_id: string; role_id: string }

/** Metadata of the actions whose shape is fixed; the others take any object (or none). */
export interface AuditMetadata {
  'login': { rehashed?: true }
  'login.failed': { login: string } | { step: 'mfa' }
  'logout.all': { sessions: number }
  'refresh.reuse_detected': { user_id: string }
  'user.created': { role_ids: string[]; superuser?: true; via?: 'import-django' }
  'user.updated': Fields
  'user.roles_set': { role_ids: string[] }
  'users.imported': { source: 'django'; users_created: number; users_skipped: number; roles_created: number }
  'user_role.created': UserRoleChange
  'user_role.deleted': UserRoleChange
  'password.changed': { sessions_ended: number }
  'password.reset': { sessions_ended: number; keys_revoked: number }
  'oauth.consent_granted': { client_id: string; scopes: string[] }
  'oauth.grant_revoked': { client_id: string; reason: string }
  'mfa.enabled': { method: 'totp' }
  'mfa.disabled': { method: 'totp' }
  'api_key.created': { name: string; owner: 'user' } | { name: string; owner: 'developer'; developer_id: string }
  'api_key.revoked': { owner?: 'developer'; developer_id?: string }
  'organization.created': { slug: string }
  'role.created': { name: string; permission_ids: string[] }
  'role.updated': Fields & { permission_ids?: string[] }
  'permission.created': { codename: string }
  'permission.updated': Fields
  'developer.created': { name: string; role_ids: string[] }
  'developer.updated': Fields & { role_ids?: string[] }
  'developer.deleted': { keys_revoked: number }
  'oauth_client.created': { name: string; client_id: string; developer_id: string; type: 'confidential' | 'public' }
  'oauth_client.updated': Fields
  'oauth_client.deleted': { client_id: string }
  'oauth_client.secret_rotated': { client_id: string }
  'product.created': { sku: string }
  'product.updated': Fields
  'order.created': { total: string; currency: string }
  'order.status_changed': { from: string; to: string }
}

export type MetadataOf<A extends AuditAction> = A extends keyof AuditMetadata ? AuditMetadata[A] : Record<string, unknown>

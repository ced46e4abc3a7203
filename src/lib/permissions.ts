/** Built-in permission codenames: every organization has them, read-only. */
export const BUILTIN_PERMISSIONS = {
  view_users: 'Can view users',
  manage_users: 'Can create, change and delete users',
  view_roles: 'Can view roles',
  manage_roles: 'Can create, change and delete roles',
  manage_permissions: 'Can create, change and delete custom permissions',
  manage_user_roles: 'Can assign roles to users',
  view_developers: 'Can view developers',
  manage_developers: 'Can manage developers and their API keys',
  manage_organization: 'Can change the organization',
  manage_products: 'Can create, change and delete products',
  view_orders: 'Can view every order of the organization',
  manage_orders: 'Can change and delete orders',
  view_audit_log: 'Can view the audit log',
} as const

export type BuiltinPermission = keyof typeof BUILTIN_PERMISSIONS
export const BUILTIN_CODENAMES = Object.keys(BUILTIN_PERMISSIONS) as BuiltinPermission[]

/** Default roles of a new organization: admin holds every built-in permission; customer none. */
export const DEFAULT_ROLES = { admin: BUILTIN_CODENAMES, customer: [] as BuiltinPermission[] }
export const REGISTRATION_ROLE = 'customer'

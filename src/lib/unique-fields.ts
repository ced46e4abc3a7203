import { ValidationError, isUniqueViolation } from './errors'

/**
 * The field error ("taken") of each unique index a request can hit, declared once per
 * table: the pre-check (`takenErrors`) and a lost race at the index (`uniqueFieldError`,
 * applied by the write path) answer with the same DRF body.
 */
const UNIQUE_FIELDS = {
  users: {
    username: { index: 'users_username_live', message: 'A user with that username already exists.' },
    email: { index: 'users_email_live', message: 'A user with this email already exists.' },
  },
  organizations: { slug: { index: 'organizations_slug_live', message: 'organization with this slug already exists.' } },
  roles: { name: { index: 'roles_name_live', message: 'role with this name already exists.' } },
  permissions: { codename: { index: 'permissions_codename_live', message: 'permission with this codename already exists.' } },
  developers: { name: { index: 'developers_name_live', message: 'developer with this name already exists.' } },
  products: { sku: { index: 'products_sku_live', message: 'product with this sku already exists.' } },
} as const satisfies Record<string, Record<string, { index: string; message: string }>>

type Table = keyof typeof UNIQUE_FIELDS
type FieldOf<T extends Table> = keyof (typeof UNIQUE_FIELDS)[T] & string

/** The DRF errors of the fields found taken by a pre-check (`{ username: true }` → `{ username: ['A user with…'] }`). */
export function takenErrors<T extends Table>(table: T, taken: Partial<Record<FieldOf<T>, boolean>>): Record<string, string[]> {
  const errors: Record<string, string[]> = {}
  const fields = UNIQUE_FIELDS[table] as Record<string, { message: string }>
  for (const [field, isTaken] of Object.entries(taken)) if (isTaken) errors[field] = [fields[field].message]
  return errors
}

const byIndex = new Map(Object.values(UNIQUE_FIELDS).flatMap((fields) =>
  Object.entries(fields as Record<string, { index: string; message: string }>).map(([field, f]) => [f.index, { field, message: f.message }] as const)))

/** The declared field error of a unique violation, or undefined (another error, or an undeclared index). */
export function uniqueFieldError(err: unknown): ValidationError | undefined {
  if (!isUniqueViolation(err)) return undefined
  const declared = byIndex.get(violatedIndex(err) ?? '')
  return declared && new ValidationError({ [declared.field]: [declared.message] })
}

function violatedIndex(err: unknown): string | undefined {
  // drizzle wraps the driver's error: the index name sits on it or its cause (pg sets
  // `constraint`; PGlite only names it in the message).
  for (let e = err as { constraint?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 3; e = e.cause as typeof e, i++) {
    if (typeof e.constraint === 'string') return e.constraint
    const named = typeof e.message === 'string' && /unique constraint "([^"]+)"/.exec(e.message)
    if (named) return named[1]
  }
  return undefined
}

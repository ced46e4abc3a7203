/**
 * OpenAPI operationIds derived from method and route, so they are stable (a route keeps
 * its id as long as its method and path do) and need no bookkeeping: the method, then
 * each path segment in PascalCase, `:param` as `By<Param>`, a `*` wildcard as `Any`, the
 * `/api/v1` prefix left out.
 *
 *   GET    /api/v1/users/             → getUsers
 *   PATCH  /api/v1/users/:id/         → patchUsersById
 *   POST   /api/v1/auth/token/refresh/ → postAuthTokenRefresh
 *   GET    /.well-known/jwks.json     → getWellKnownJwksJson
 *   GET    /admin/*                   → getAdminAny
 *
 * A `namespace` goes first (`seed` + `GET /products/` → seedGetProducts), for routes that
 * would otherwise take the id of a canonical one. A route may choose its own id with
 * `schema.operationId`.
 */
export function operationIdFor(method: string, url: string, namespace?: string): string {
  const words = url
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .flatMap((segment) => (segment.startsWith(':') ? ['by', ...wordsOf(segment.slice(1))] : segment === '*' ? ['any'] : wordsOf(segment)))
  const id = method.toLowerCase() + words.map(capitalize).join('')
  return namespace ? namespace + capitalize(id) : id
}

const wordsOf = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean)
const capitalize = (w: string) => w[0].toUpperCase() + w.slice(1)

/** Remembers the ids handed out and refuses a second operation with the same one. */
export class OperationIds {
  private readonly owners = new Map<string, string>()

  claim(id: string, method: string, url: string): string {
    const route = `${method.toUpperCase()} ${url}`
    const owner = this.owners.get(id)
    if (owner && owner !== route) throw new Error(`operationId ${id} of ${route} is already used by ${owner}`)
    this.owners.set(id, route)
    return id
  }
}

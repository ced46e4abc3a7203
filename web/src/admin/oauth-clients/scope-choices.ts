import { OIDC_SCOPES } from '../../../../src/modules/oauth-clients/oidc-scopes'
import { api, useSession } from '../../session'
import { useCapabilities } from '../capabilities'
import { attempt, everyPage, useLoad } from '../ui'

/**
 * The scopes offered as checkboxes: the OpenID Connect ones and the organization's permission
 * codenames (GET /permissions/ needs manage_permissions; without it, the codenames the staff
 * member holds). The API checks each scope against the organization's list anyway.
 */
export function useScopeChoices(): string[] {
  const session = useSession()
  const held = session.state === 'signed-in' ? session.access.permissions : []
  const listable = useCapabilities().can('manage_permissions')
  const listed = useLoad(() => listable
    ? everyPage((cursor) => attempt(() => api.GET('/api/v1/permissions/', { params: { query: { limit: 200, ordering: 'codename', cursor } } })))
    : Promise.resolve({ data: null, problem: null } as const), [listable])
  const codenames = listed.data ? listed.data.map((p) => p.codename) : [...held].sort()
  return [...OIDC_SCOPES, ...codenames]
}

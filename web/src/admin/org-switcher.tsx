import { api, switchOrganization, type SignedIn } from '../session'
import { attempt, useLoad } from './ui'

/**
 * The organization being administered. Superusers pick any (every call then sends it as
 * X-Organization); everyone else sees their own, which is all the API lets them act in.
 */
export function OrganizationSwitcher(props: { session: SignedIn }) {
  const { access, organization } = props.session
  if (!access.is_superuser) return <p class="org-name" data-testid="organization">{access.organization.name}</p>
  return <SuperuserSwitcher current={organization} />
}

function SuperuserSwitcher(props: { current: string }) {
  // Up to 200 (the API's page limit) — enough for a switcher; more would want a search box.
  const { data } = useLoad(() => attempt(() => api.GET('/api/v1/organizations/', { params: { query: { limit: 200 } } })), [])
  const organizations = data?.results ?? []
  const known = organizations.some((o) => o.slug === props.current)
  return (
    <div class="org-switcher">
      <label for="org-switcher">Organization</label>
      <select id="org-switcher" data-testid="organization-switcher" value={props.current} onChange={(e) => switchOrganization((e.currentTarget as HTMLSelectElement).value)}>
        {!known && <option value={props.current}>{props.current}</option>}
        {organizations.map((o) => <option value={o.slug}>{o.name} ({o.slug})</option>)}
      </select>
    </div>
  )
}

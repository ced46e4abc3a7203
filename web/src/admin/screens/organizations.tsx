import type { Screen } from '../screen'
import { OrganizationCreate, OrganizationDetail } from '../organizations/org-detail'
import { OrganizationList } from '../organizations/org-list'

/** /admin/organizations/ (list, deleted, restore), /admin/organizations/new/, /admin/organizations/<id>/ (settings). */
function Organizations(props: { rest: string[] }) {
  const [id] = props.rest
  if (id === 'new') return <OrganizationCreate />
  if (id) return <OrganizationDetail id={id} />
  return <OrganizationList />
}

const organizations: Screen = { path: 'organizations', title: 'Organizations', order: 70, visible: (c) => c.can('manage_organization'), View: Organizations }
export default organizations

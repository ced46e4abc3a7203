import type { Screen } from '../screen'
import { RolesAndPermissions } from '../roles/roles-screen'

const roles: Screen = { path: 'roles', title: 'Roles & permissions', order: 20, visible: (c) => c.can('view_roles', 'manage_roles', 'manage_permissions'), View: RolesAndPermissions }
export default roles

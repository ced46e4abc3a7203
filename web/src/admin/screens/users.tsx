import type { Screen } from '../screen'
import { UserCreate, UserDetail } from '../users/user-detail'
import { UserList } from '../users/user-list'

/** /admin/users/ (search and list), /admin/users/new/, /admin/users/<id>/ (edit and roles). */
function Users(props: { rest: string[] }) {
  const [id] = props.rest
  if (id === 'new') return <UserCreate />
  if (id) return <UserDetail id={id} />
  return <UserList />
}

const users: Screen = { path: 'users', title: 'Users', order: 10, visible: (c) => c.can('view_users', 'manage_users'), View: Users }
export default users

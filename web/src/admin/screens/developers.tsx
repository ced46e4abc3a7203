import type { Screen } from '../screen'
import { DeveloperDetail } from '../developers/developer-detail'
import { DeveloperList } from '../developers/developer-list'

/** /admin/developers/ (list and create), /admin/developers/<id>/ (its keys). */
const Developers = (props: { rest: string[] }) => (props.rest[0] ? <DeveloperDetail id={props.rest[0]} /> : <DeveloperList />)

const developers: Screen = { path: 'developers', title: 'Developers', order: 30, visible: (c) => c.can('view_developers', 'manage_developers'), View: Developers }
export default developers

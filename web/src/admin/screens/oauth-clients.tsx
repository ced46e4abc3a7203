import type { Screen } from '../screen'
import { ClientDetail } from '../oauth-clients/client-detail'
import { ClientList } from '../oauth-clients/client-list'

/** /admin/oauth-clients/ (list and register), /admin/oauth-clients/<id>/ (settings, secret, delete). */
const OAuthClients = (props: { rest: string[] }) => (props.rest[0] ? <ClientDetail id={props.rest[0]} /> : <ClientList />)

const oauthClients: Screen = { path: 'oauth-clients', title: 'OAuth clients', order: 35, visible: (c) => c.can('view_developers', 'manage_developers'), View: OAuthClients }
export default oauthClients

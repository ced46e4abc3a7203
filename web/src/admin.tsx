import { render } from 'preact'
import { Layout } from './layout'
import { usePath } from './router'
import { SignIn, useSession } from './session'
import { ADMIN_BASE } from './admin/screen'
import { Shell } from './admin/shell'
import './admin/admin.css'

// `?org=` pre-fills the organization of the sign-in form (a bookmark per shop); it is not a secret.
const defaultOrganization = new URLSearchParams(window.location.search).get('org') ?? 'default'

function Admin() {
  const session = useSession()
  const path = usePath(ADMIN_BASE)
  if (session.state === 'signed-in') return <Shell session={session} path={path} />
  return (
    <Layout organization="CommerceCore Admin" title="Sign in">
      <SignIn defaultOrganization={defaultOrganization} reason={session.reason} />
    </Layout>
  )
}

render(<Admin />, document.getElementById('app') as HTMLElement)

import { render } from 'preact'
import { AccountApp } from './account/account-app'
import { Layout, useOrganizationName } from './layout'
import { SignIn, api, signOut, signOutEverywhere, useSession } from './session'
import './pages.css'
import './account/account.css'

/** The organization comes from the address (`/account/?org=<slug>`); without one, `default`. Never a token. */
const org = new URL(window.location.href).searchParams.get('org') || null

function Account() {
  const organization = useOrganizationName(org)
  const session = useSession()
  if (session.state !== 'signed-in') {
    return (
      <Layout organization={organization} title="Sign in to your account">
        <SignIn defaultOrganization={org ?? 'default'} reason={session.reason} organizationFixed />
      </Layout>
    )
  }
  return (
    <Layout organization={organization ?? session.access.organization.name} title="Your account" wide>
      <AccountApp api={api} signOut={signOut} signOutEverywhere={signOutEverywhere} />
    </Layout>
  )
}

render(<Account />, document.getElementById('app') as HTMLElement)

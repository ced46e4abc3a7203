import { render } from 'preact'
import { useState } from 'preact/hooks'
import { AccountApp } from './account/account-app'
import { ForgotPassword } from './account/forgot-password'
import { Layout, useOrganizationName } from './layout'
import { SignIn, api, signOut, signOutEverywhere, useSession } from './session'
import './pages.css'
import './account/account.css'

/** The organization comes from the address (`/account/?org=<slug>`); without one, `default`. Never a token. */
const org = new URL(window.location.href).searchParams.get('org') || null

function Account() {
  const organization = useOrganizationName(org)
  const session = useSession()
  const [forgot, setForgot] = useState(false)
  if (session.state !== 'signed-in' && forgot) {
    return <Layout organization={organization} title="Reset your password"><ForgotPassword organization={org ?? 'default'} onBack={() => setForgot(false)} /></Layout>
  }
  if (session.state !== 'signed-in') {
    return (
      <Layout organization={organization} title="Sign in to your account">
        <SignIn defaultOrganization={org ?? 'default'} reason={session.reason} organizationFixed onForgotPassword={() => setForgot(true)} />
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

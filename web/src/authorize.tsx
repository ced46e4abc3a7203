import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { describeScope, loadDetails, organization, submitStep, type Details } from './authorize/interaction'
import { Layout, Notice, useOrganizationName } from './layout'
import { currentAccess, SignIn, useSession } from './session'
import './pages.css'
import './authorize.css'

const GONE = 'This sign-in request has expired or was already used. Go back to the application and start again.'

/**
 * The OpenID providers' hosted sign-in (with the second factor) and consent page. The
 * sign-in is the consoles' own, against the JSON API: the same throttles, lockout and MFA.
 * Its session is then handed to the provider, and shows in the user's devices.
 */
function Authorize() {
  const orgName = useOrganizationName(organization)
  const [details, setDetails] = useState<Details | null | undefined>(undefined)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => { loadDetails().then(setDetails, () => setDetails(null)) }, [])
  const title = details?.prompt === 'consent' ? `Allow ${details.client.name}?` : details ? `Sign in to ${details.client.name}` : 'Sign in'
  return (
    <Layout organization={orgName} title={title}>
      {problem && <Notice kind="error">{problem}</Notice>}
      {details === undefined && <Notice kind="info">Loading…</Notice>}
      {details === null && <Notice kind="error">{GONE}</Notice>}
      {details?.prompt === 'login' && <Login details={details} onProblem={setProblem} />}
      {details?.prompt === 'consent' && <Consent details={details} onProblem={setProblem} />}
    </Layout>
  )
}

function Login(props: { details: Details; onProblem: (p: string) => void }) {
  const session = useSession()
  useEffect(() => {
    if (session.state !== 'signed-in') return
    void currentAccess().then((token) => submitStep('login', token)).then((ok) => { if (!ok) props.onProblem(GONE) })
  }, [session.state])
  if (session.state === 'signed-in') return <Notice kind="info">Signed in. Returning to {props.details.client.name}…</Notice>
  return <SignIn defaultOrganization={props.details.organization} defaultLogin={props.details.login_hint ?? undefined} organizationFixed reason={session.reason} />
}

function Consent(props: { details: Details; onProblem: (p: string) => void }) {
  const [busy, setBusy] = useState(false)
  const answer = async (step: 'consent' | 'abort') => {
    setBusy(true)
    if (!(await submitStep(step))) { setBusy(false); props.onProblem(GONE) }
  }
  return (
    <div aria-busy={busy}>
      <ConsentQuestion client={props.details.client.name} scopes={props.details.scopes} />
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => answer('consent')}>Allow</button>
        <button type="button" class="secondary" disabled={busy} onClick={() => answer('abort')}>Cancel</button>
      </div>
    </div>
  )
}

/** What the client asks for, in words (asked again with prompt=consent: everything it asks for). */
function ConsentQuestion(props: { client: string; scopes: string[] }) {
  return (
    <>
      <p class="lead"><strong>{props.client}</strong> asks to:</p>
      <ul class="scopes">{props.scopes.map((s) => <li key={s}>{describeScope(s)}</li>)}</ul>
    </>
  )
}

render(<Authorize />, document.getElementById('app') as HTMLElement)

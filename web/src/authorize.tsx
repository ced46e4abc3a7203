import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { ForgotPassword } from './account/forgot-password'
import { describeScope, loadDetails, organization, submitStep, type Details, type Failure } from './authorize/interaction'
import { Layout, Notice, useOrganizationName } from './layout'
import { currentAccess, SignIn, useSession } from './session'
import './pages.css'
import './authorize.css'

const MESSAGES: Record<Failure, string> = {
  gone: 'This sign-in request has expired or was already used. Go back to the application and start again.',
  failed: 'Something went wrong: the sign-in service is unavailable or busy right now. Try again in a moment.',
}

/** Why a step did not go through; `onRetry` (a failure that may pass, never `gone`) offers Try again. */
function StepFailed(props: { failure: Failure; onRetry?: () => void }) {
  return (
    <>
      <Notice kind="error">{MESSAGES[props.failure]}</Notice>
      {props.failure === 'failed' && props.onRetry && <div class="actions"><button type="button" onClick={props.onRetry}>Try again</button></div>}
    </>
  )
}

/**
 * The OpenID providers' hosted sign-in (with the second factor) and consent page. The
 * sign-in is the consoles' own, against the JSON API: the same throttles, lockout and MFA.
 * Its session is then handed to the provider, and shows in the user's devices.
 */
function Authorize() {
  const orgName = useOrganizationName(organization)
  const [details, setDetails] = useState<Details | Failure | undefined>(undefined)
  const load = () => { setDetails(undefined); void loadDetails().then(setDetails) }
  useEffect(load, [])
  const ready = typeof details === 'object' ? details : null
  const title = ready?.prompt === 'consent' ? `Allow ${ready.client.name}?` : ready ? `Sign in to ${ready.client.name}` : 'Sign in'
  return (
    <Layout organization={orgName} title={title}>
      {details === undefined && <Notice kind="info">Loading…</Notice>}
      {typeof details === 'string' && <StepFailed failure={details} onRetry={load} />}
      {ready?.prompt === 'login' && <Login details={ready} />}
      {ready?.prompt === 'consent' && <Consent details={ready} />}
    </Layout>
  )
}

/** The sign-in (or the reset email it offers), then the session handed to the provider; a failed hand-over can be tried again. */
function Login(props: { details: Details }) {
  const session = useSession()
  const [forgot, setForgot] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [tries, setTries] = useState(0)
  useEffect(() => {
    if (session.state !== 'signed-in') return
    setFailure(null)
    void currentAccess().then((token) => submitStep('login', token), () => 'failed' as const).then(setFailure)
  }, [session.state, tries])
  if (session.state === 'signed-in') {
    if (failure) return <StepFailed failure={failure} onRetry={() => setTries(tries + 1)} />
    return <Notice kind="info">Signed in. Returning to {props.details.client.name}…</Notice>
  }
  if (forgot) return <ForgotPassword organization={props.details.organization} onBack={() => setForgot(false)} />
  return <SignIn defaultOrganization={props.details.organization} defaultLogin={props.details.login_hint ?? undefined} organizationFixed reason={session.reason} onForgotPassword={() => setForgot(true)} />
}

/** Allow or Cancel; after a failure that may pass, both answer again. */
function Consent(props: { details: Details }) {
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<Failure | null>(null)
  const answer = async (step: 'consent' | 'abort') => {
    setBusy(true)
    setFailure(null)
    const outcome = await submitStep(step)
    if (outcome) { setBusy(false); setFailure(outcome) }
  }
  const stuck = busy || failure === 'gone'
  return (
    <div aria-busy={busy}>
      {failure && <StepFailed failure={failure} />}
      <ConsentQuestion client={props.details.client.name} scopes={props.details.scopes} />
      <div class="actions">
        <button type="button" disabled={stuck} onClick={() => answer('consent')}>Allow</button>
        <button type="button" class="secondary" disabled={stuck} onClick={() => answer('abort')}>Cancel</button>
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

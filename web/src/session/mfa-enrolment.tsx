import { useEffect, useState } from 'preact/hooks'
import { Field } from '../field'
import { Notice } from '../layout'
import { RecoveryCodes } from '../recovery-codes'
import { TotpKey } from '../totp-key'
import { confirmMfaSetup, startMfaSetup } from './client'
import type { Problem } from './problem'

/** `enter` is absent when MFA turned on but the session did not open: the codes, then the problem. */
type Stage = { name: 'loading' } | { name: 'scan'; secret: string; otpauthUrl: string } | { name: 'codes'; codes: string[]; enter?: () => void } | { name: 'not-signed-in' }

/**
 * The sign-in of an account that must enrol TOTP first (REQUIRE_MFA_FOR_SUPERUSERS): the
 * new key as a QR code and as text, a first code, then the recovery codes shown once, and
 * only then the console. `onLeave` goes back to the password step (also when it ended meanwhile).
 */
export function MfaEnrolment(props: { setupToken: string; onLeave: () => void }) {
  const [stage, setStage] = useState<Stage>({ name: 'loading' })
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void startMfaSetup(props.setupToken).then((r) => ('problem' in r ? setProblem(r.problem) : setStage({ name: 'scan', ...r })))
  }, [props.setupToken])

  async function confirm(event: Event) {
    event.preventDefault()
    setBusy(true)
    setProblem(null)
    const outcome = await confirmMfaSetup(props.setupToken, code.replace(/\s/g, ''))
    setBusy(false)
    if (outcome.step === 'problem') {
      setProblem(outcome.problem)
      if (outcome.recoveryCodes) setStage({ name: 'codes', codes: outcome.recoveryCodes })
      return
    }
    setStage({ name: 'codes', codes: outcome.recoveryCodes, enter: outcome.enter })
  }

  if (stage.name === 'codes') {
    const { enter } = stage
    const done = () => { if (!enter) return setStage({ name: 'not-signed-in' }); enter(); props.onLeave() }
    return <RecoveryCodes codes={stage.codes} onDone={done} />
  }
  if (stage.name === 'not-signed-in') return <NotSignedIn problem={problem} onLeave={props.onLeave} />
  const fieldErrors = problem?.fields.code
  return (
    <form onSubmit={confirm} noValidate aria-label="Set up two-factor authentication" aria-busy={busy}>
      {problem && !fieldErrors && <Notice kind="error">{problem.message}</Notice>}
      <p>This account must use two-factor authentication before it can sign in. Set it up now with an authenticator app on your phone.</p>
      {stage.name === 'scan' && (
        <>
          <TotpKey secret={stage.secret} otpauthUrl={stage.otpauthUrl} />
          <Field id="code" label="Code from the app" type="text" inputMode="numeric" autocomplete="one-time-code" value={code} errors={fieldErrors} onInput={setCode} />
          <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Turn on two-factor authentication and sign in'}</button>
        </>
      )}
      <div class="links"><button type="button" class="link" onClick={props.onLeave}>Start over</button></div>
    </form>
  )
}

/** MFA is on, but the sign-in after it failed: say why, and sign in again (now with a code). */
const NotSignedIn = (props: { problem: Problem | null; onLeave: () => void }) => (
  <div>
    {props.problem && <Notice kind="error">{props.problem.message}</Notice>}
    <p>Two-factor authentication is on, but you are not signed in. Sign in again with a code from the app.</p>
    <div class="links"><button type="button" class="link" onClick={props.onLeave}>Sign in again</button></div>
  </div>
)

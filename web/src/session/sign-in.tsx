import { useEffect, useRef, useState } from 'preact/hooks'
import { Field } from '../field'
import { Notice } from '../layout'
import { signIn, verifyMfa, type SignInOutcome } from './client'
import { MfaEnrolment } from './mfa-enrolment'
import type { Problem } from './problem'

type Step = { name: 'password' } | { name: 'mfa'; mfaToken: string; recovery: boolean } | { name: 'mfa-setup'; setupToken: string }

/**
 * The sign-in form of the consoles: organization, username or email, password; then the
 * second factor when the account has MFA (a TOTP code, or a recovery code). On success the
 * session store switches to signed-in and the console renders itself. A page whose address
 * names the organization (the shoppers' /account/?org=) passes `organizationFixed`: no field.
 * An account that must enrol MFA first (REQUIRE_MFA_FOR_SUPERUSERS) enrols here, then enters.
 * `defaultLogin` fills the username (an OpenID client's `login_hint`).
 * `onForgotPassword` adds "Forgot your password?" — on the password step only.
 */
export function SignIn(props: { defaultOrganization: string; defaultLogin?: string; reason?: string; organizationFixed?: boolean; onForgotPassword?: () => void }) {
  const [organization, setOrganization] = useState(props.defaultOrganization)
  const [login, setLogin] = useState(props.defaultLogin ?? '')
  const [password, setPassword] = useState('')
  const [code, setCode] = useState('')
  const [step, setStep] = useState<Step>({ name: 'password' })
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const [waitSeconds, setWaitSeconds] = useCountdown()

  async function run(attempt: () => Promise<SignInOutcome>) {
    setBusy(true)
    setProblem(null)
    const outcome = await attempt()
    setBusy(false)
    if (outcome.step === 'mfa') { setCode(''); setStep({ name: 'mfa', mfaToken: outcome.mfaToken, recovery: false }) }
    if (outcome.step === 'mfa-setup') setStep({ name: 'mfa-setup', setupToken: outcome.setupToken })
    if (outcome.step === 'problem') { setProblem(outcome.problem); setWaitSeconds(outcome.problem.retryAfter ?? 0) }
  }

  function submit(event: Event) {
    event.preventDefault()
    if (step.name === 'password') return run(() => signIn(organization.trim(), login.trim(), password))
    if (step.name !== 'mfa') return
    const answer = step.recovery ? { recovery_code: code.trim() } : { code: code.replace(/\s/g, '') }
    return run(() => verifyMfa(step.mfaToken, answer))
  }

  const startOver = () => { setPassword(''); setProblem(null); setStep({ name: 'password' }) }
  if (step.name === 'mfa-setup') return <MfaEnrolment setupToken={step.setupToken} onLeave={startOver} />
  const fields = problem?.fields ?? {}
  const banner = problem?.message ?? props.reason
  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      {banner && <Notice kind={problem ? 'error' : 'info'}>{banner}</Notice>}
      {step.name === 'password' ? (
        <>
          {!props.organizationFixed && <Field id="organization" label="Organization" type="text" autocomplete="organization" value={organization} errors={fields.organization}
            hint="The organization's short name (slug), as in X-Organization." onInput={setOrganization} />}
          <Field id="login" label="Username or email" type="text" autocomplete="username" value={login} errors={fields.username ?? fields.email} onInput={setLogin} />
          <Field id="password" label="Password" type="password" autocomplete="current-password" value={password} errors={fields.password} onInput={setPassword} />
          <button type="submit" disabled={busy || waitSeconds > 0}>{busy ? 'Signing in…' : waitSeconds > 0 ? `Sign in (wait ${waitSeconds} s)` : 'Sign in'}</button>
          {props.onForgotPassword && <div class="links"><button type="button" class="link" onClick={props.onForgotPassword}>Forgot your password?</button></div>}
        </>
      ) : (
        <MfaStep step={step} code={code} fields={fields} busy={busy} waitSeconds={waitSeconds} onCode={setCode}
          onToggleRecovery={() => { setCode(''); setProblem(null); setStep({ ...step, recovery: !step.recovery }) }}
          onStartOver={startOver} />
      )}
    </form>
  )
}

/** Seconds left before the server takes another attempt: 429/503 carry Retry-After, the button stays off and counts down. */
function useCountdown() {
  const [waitSeconds, setWaitSeconds] = useState(0)
  useEffect(() => {
    if (waitSeconds <= 0) return
    const tick = setTimeout(() => setWaitSeconds(waitSeconds - 1), 1000)
    return () => clearTimeout(tick)
  }, [waitSeconds])
  return [waitSeconds, setWaitSeconds] as const
}

/** The second step: a TOTP code, or a recovery code; the code field takes the focus. */
function MfaStep(props: {
  step: Extract<Step, { name: 'mfa' }>; code: string; fields: NonNullable<Problem['fields']>; busy: boolean; waitSeconds: number
  onCode: (code: string) => void; onToggleRecovery: () => void; onStartOver: () => void
}) {
  const { step, fields, busy, waitSeconds } = props
  const codeInput = useRef<HTMLInputElement>(null)
  useEffect(() => { codeInput.current?.focus() }, [step])
  return (
    <>
      <p>This account uses two-factor authentication.</p>
      <Field id="code" label={step.recovery ? 'Recovery code' : 'Authentication code'} type="text" inputRef={codeInput}
        autocomplete={step.recovery ? 'off' : 'one-time-code'} inputMode={step.recovery ? 'text' : 'numeric'} value={props.code}
        errors={fields.code ?? fields.recovery_code ?? fields.mfa_token}
        hint={step.recovery ? 'One of the recovery codes you saved; each works once.' : 'The 6-digit code from your authenticator app.'} onInput={props.onCode} />
      <button type="submit" disabled={busy || waitSeconds > 0}>{busy ? 'Checking…' : waitSeconds > 0 ? `Verify (wait ${waitSeconds} s)` : 'Verify'}</button>
      <div class="links">
        <button type="button" class="link" onClick={props.onToggleRecovery}>
          {step.recovery ? 'Use an authentication code instead' : 'Use a recovery code instead'}
        </button>
        <button type="button" class="link" onClick={props.onStartOver}>Start over</button>
      </div>
    </>
  )
}

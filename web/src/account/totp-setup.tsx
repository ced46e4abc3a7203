import type { CommerceCoreClient } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Field } from '../field'
import { Notice } from '../layout'
import { TotpKey } from '../totp-key'
import { attempt, type Errors } from './request'

type Step = { step: 'start' } | { step: 'scan'; secret: string; otpauthUrl: string }

/** Turn TOTP on: a new secret as a QR code (and as text), confirmed by a first code, which answers the recovery codes. */
export function TotpSetup(props: { api: CommerceCoreClient; onEnabled: (recoveryCodes: string[]) => void }) {
  const [step, setStep] = useState<Step>({ step: 'start' })
  const [code, setCode] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  async function start() {
    setBusy(true)
    const outcome = await attempt(() => props.api.POST('/api/v1/auth/mfa/totp/', { body: {} }))
    setBusy(false)
    if (!outcome.ok) return setErrors(outcome.errors)
    setErrors({})
    setStep({ step: 'scan', secret: outcome.data.secret, otpauthUrl: outcome.data.otpauth_url })
  }

  async function confirm(event: Event) {
    event.preventDefault()
    setBusy(true)
    const outcome = await attempt(() => props.api.POST('/api/v1/auth/mfa/totp/confirm/', { body: { code: code.replace(/\s/g, '') } }))
    setBusy(false)
    if (!outcome.ok) return setErrors(outcome.errors)
    props.onEnabled(outcome.data.recovery_codes)
  }

  if (step.step === 'start') {
    return (
      <div>
        {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
        <p>Two-factor authentication is off. With it on, signing in also asks for a code from an authenticator app on your phone.</p>
        <button type="button" onClick={start} disabled={busy}>Set up an authenticator app</button>
      </div>
    )
  }
  return (
    <form onSubmit={confirm} noValidate aria-label="Set up two-factor authentication">
      {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
      <TotpKey secret={step.secret} otpauthUrl={step.otpauthUrl} />
      <Field id="code" label="Code from the app" type="text" inputMode="numeric" autocomplete="one-time-code" value={code} errors={errors.code} onInput={setCode} />
      <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Turn on two-factor authentication'}</button>
    </form>
  )
}

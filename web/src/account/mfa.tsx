import type { CommerceCoreClient, User } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Field } from '../field'
import { Notice } from '../layout'
import { attempt, type Errors } from './request'
import { RecoveryCodes } from '../recovery-codes'
import { TotpSetup } from './totp-setup'

const PROOFS = [
  { key: 'code', choice: 'Authenticator app', label: 'Current code from the app', type: 'text', autocomplete: 'one-time-code' },
  { key: 'recovery_code', choice: 'Recovery code', label: 'One of your recovery codes', type: 'text', autocomplete: 'off' },
  { key: 'password', choice: 'Password', label: 'Your password', type: 'password', autocomplete: 'current-password' },
] as const
type Proof = (typeof PROOFS)[number]

/** Turn TOTP off, proven by a current code, a recovery code or the password. */
function DisableMfa(props: { api: CommerceCoreClient; onDisabled: () => void }) {
  const [proof, setProof] = useState<Proof>(PROOFS[0])
  const [value, setValue] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  async function submit(event: Event) {
    event.preventDefault()
    setBusy(true)
    const outcome = await attempt(() => props.api.DELETE('/api/v1/auth/mfa/totp/', { body: { [proof.key]: value.trim() } }))
    setBusy(false)
    if (!outcome.ok) return setErrors(outcome.errors)
    props.onDisabled()
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Turn off two-factor authentication">
      <h3>Turn off two-factor authentication</h3>
      {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
      <fieldset class="choices">
        <legend>Prove it is you with</legend>
        {PROOFS.map((p) => (
          <label class="choice"><input type="radio" name="proof" checked={p.key === proof.key} onChange={() => { setProof(p); setValue(''); setErrors({}) }} /> {p.choice}</label>
        ))}
      </fieldset>
      <Field id={proof.key} label={proof.label} type={proof.type} autocomplete={proof.autocomplete} value={value} errors={errors[proof.key]} onInput={setValue} />
      <button type="submit" class="danger" disabled={busy}>{busy ? 'Turning off…' : 'Turn off two-factor authentication'}</button>
    </form>
  )
}

/**
 * The two-factor page: setup when off, the way to turn it off when on. The recovery codes of
 * a new setup are held here, not in the setup form, so they stay on screen while the account
 * (now with MFA on) is reloaded, and are gone once the shopper says they are saved.
 */
export function MfaScreen(props: { api: CommerceCoreClient; user: User; onChanged: () => Promise<void> }) {
  const [notice, setNotice] = useState<string | null>(null)
  const [codes, setCodes] = useState<string[] | null>(null)
  async function enabled(recoveryCodes: string[]) {
    setCodes(recoveryCodes)
    await props.onChanged()
  }
  async function disabled() {
    await props.onChanged()
    setNotice('Two-factor authentication is off.')
  }
  if (codes) return <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
  return (
    <div>
      {notice && <Notice kind="success">{notice}</Notice>}
      {props.user.mfa_enabled
        ? <><p data-testid="mfa-status">Two-factor authentication is <strong>on</strong>: signing in asks for a code from your authenticator app.</p><DisableMfa api={props.api} onDisabled={disabled} /></>
        : <TotpSetup api={props.api} onEnabled={enabled} />}
    </div>
  )
}

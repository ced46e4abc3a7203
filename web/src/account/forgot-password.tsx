import { useState } from 'preact/hooks'
import { api } from '../api'
import { Field } from '../field'
import { Notice } from '../layout'
import { attempt, type Errors } from './request'

/**
 * "Forgot your password?" on the account sign-in: the organization's reset email, whose
 * link opens /reset-password. The answer is the same whether or not the address is known.
 */
export function ForgotPassword(props: { organization: string; onBack: () => void }) {
  const [email, setEmail] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [sent, setSent] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: Event) {
    event.preventDefault()
    setBusy(true)
    const outcome = await attempt(() => api.POST('/api/v1/auth/password/forgot/', { body: { email: email.trim() }, params: { header: { 'X-Organization': props.organization } } }))
    setBusy(false)
    if (!outcome.ok) return setErrors(outcome.errors)
    setErrors({})
    setSent(outcome.data.detail)
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Reset your password">
      {sent && <Notice kind="success">{sent}</Notice>}
      {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
      <Field id="email" label="Email address" type="email" autocomplete="email" value={email} errors={errors.email}
        hint="We will email you a link to choose a new password." onInput={setEmail} />
      <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Email me a link'}</button>
      <div class="links"><button type="button" class="link" onClick={props.onBack}>Back to sign-in</button></div>
    </form>
  )
}

import { render } from 'preact'
import { useState } from 'preact/hooks'
import { api, EXPIRED_LINK, fieldErrors, NETWORK_ERROR, takeLinkParams } from './api'
import { Field } from './field'
import { Layout, Notice, useOrganizationName } from './layout'
import './pages.css'

const link = takeLinkParams()

type Outcome = { state: 'form'; errors: Record<string, string[]> } | { state: 'done' } | { state: 'dead' }

function ResetPassword() {
  const organization = useOrganizationName(link.org)
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(link.token ? { state: 'form', errors: {} } : { state: 'dead' })

  async function submit(event: Event) {
    event.preventDefault()
    if (password !== confirm) return setOutcome({ state: 'form', errors: { confirm: ['The two passwords are not the same.'] } })
    setBusy(true)
    try {
      const { response, error } = await api.POST('/api/v1/auth/password/reset/', { body: { token: link.token as string, new_password: password } })
      if (response.ok) return setOutcome({ state: 'done' })
      const errors = fieldErrors(error)
      setOutcome(errors.token ? { state: 'dead' } : { state: 'form', errors })
    } catch {
      setOutcome({ state: 'form', errors: { non_field_errors: [NETWORK_ERROR] } })
    } finally {
      setBusy(false)
    }
  }

  if (outcome.state === 'done') {
    return <Layout organization={organization} title="Password changed"><Notice kind="success">Your password has been changed. Every session was signed out: sign in again with your new password.</Notice></Layout>
  }
  if (outcome.state === 'dead') return <Layout organization={organization} title="Choose a new password"><Notice kind="error">{EXPIRED_LINK}</Notice></Layout>
  const { errors } = outcome
  return (
    <Layout organization={organization} title="Choose a new password">
      <form onSubmit={submit} noValidate>
        {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
        <Field id="new_password" label="New password" type="password" autocomplete="new-password" value={password} errors={errors.new_password}
          hint="Use a long passphrase: several words are easier to remember and harder to guess." onInput={setPassword} />
        <Field id="confirm" label="Repeat the new password" type="password" autocomplete="new-password" value={confirm} errors={errors.confirm} onInput={setConfirm} />
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Set new password'}</button>
      </form>
    </Layout>
  )
}

render(<ResetPassword />, document.getElementById('app') as HTMLElement)

import type { CommerceCoreClient } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Field } from '../field'
import { Notice } from '../layout'
import { attempt, type Errors } from './request'

/** Change the password: the policy's messages appear at the new-password field; other sessions end. */
export function PasswordScreen(props: { api: CommerceCoreClient }) {
  const [form, setForm] = useState({ old_password: '', new_password: '', confirm: '' })
  const [errors, setErrors] = useState<Errors>({})
  const [done, setDone] = useState(false)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value })

  async function submit(event: Event) {
    event.preventDefault()
    setDone(false)
    if (form.new_password !== form.confirm) return setErrors({ confirm: ['The two passwords are not the same.'] })
    setBusy(true)
    const outcome = await attempt(() => props.api.POST('/api/v1/auth/password/change/', { body: { old_password: form.old_password, new_password: form.new_password } }))
    setBusy(false)
    if (!outcome.ok) return setErrors(outcome.errors)
    setErrors({})
    setForm({ old_password: '', new_password: '', confirm: '' })
    setDone(true)
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      {done && <Notice kind="success">Your password has been changed. Your other devices were signed out.</Notice>}
      {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
      <Field id="old_password" label="Current password" type="password" autocomplete="current-password" value={form.old_password} errors={errors.old_password} onInput={set('old_password')} />
      <Field id="new_password" label="New password" type="password" autocomplete="new-password" value={form.new_password} errors={errors.new_password}
        hint="Use a long passphrase: several words are easier to remember and harder to guess." onInput={set('new_password')} />
      <Field id="confirm" label="Repeat the new password" type="password" autocomplete="new-password" value={form.confirm} errors={errors.confirm} onInput={set('confirm')} />
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Change password'}</button>
    </form>
  )
}

import type { CommerceCoreClient, User } from '@commercecore/client'
import { useEffect, useState } from 'preact/hooks'
import { Field } from '../field'
import { Notice } from '../layout'
import { extrasOf, ProfileExtras, type Extras } from './profile-extras'
import { mergeProfile, profileFields, type ProfileField } from './profile-schema'
import { attempt, type Errors } from './request'

const PERSONAL = [
  { key: 'username', label: 'Username', type: 'text', autocomplete: 'username', required: true },
  { key: 'email', label: 'Email address', type: 'email', autocomplete: 'email', required: true },
  { key: 'first_name', label: 'First name', type: 'text', autocomplete: 'given-name', required: false },
  { key: 'last_name', label: 'Last name', type: 'text', autocomplete: 'family-name', required: false },
  { key: 'phone_number', label: 'Phone number', type: 'tel', autocomplete: 'tel', required: false },
] as const
type PersonalKey = (typeof PERSONAL)[number]['key']

/** The organization's profile schema, readable by any member (GET /organizations/ lists one's own). */
async function loadProfileFields(api: CommerceCoreClient): Promise<ProfileField[]> {
  const outcome = await attempt(() => api.GET('/api/v1/organizations/', { params: { query: { limit: 1 } } }))
  return outcome.ok ? profileFields(outcome.data.results[0]?.profile_schema) : []
}

/** Whether the address is confirmed; if not, a way to get the link again (older links stop working). */
function EmailStatus(props: { api: CommerceCoreClient; verified: boolean }) {
  const [answer, setAnswer] = useState<string | null>(null)
  if (props.verified) return <p class="hint" data-testid="email-status">Your email address is confirmed.</p>
  async function resend() {
    const outcome = await attempt(() => props.api.POST('/api/v1/auth/email/resend/'))
    setAnswer(outcome.ok ? 'We sent you a new link: open it to confirm your address.' : Object.values(outcome.errors).flat().join(' '))
  }
  return (
    <div class="email-status">
      <p class="hint" data-testid="email-status">Your email address is not confirmed yet: follow the link in the email we sent.</p>
      <button type="button" class="secondary" onClick={resend}>Send the link again</button>
      <span role="status">{answer}</span>
    </div>
  )
}

/** View and edit one's own profile: the user fields, then the organization's profile fields. */
export function ProfileScreen(props: { api: CommerceCoreClient; user: User; onSaved: (user: User) => void }) {
  const { api, user } = props
  const [extras, setExtras] = useState<Extras | null>(null)
  const [personal, setPersonal] = useState(() => Object.fromEntries(PERSONAL.map((f) => [f.key, user[f.key]])) as Record<PersonalKey, string>)
  const [errors, setErrors] = useState<Errors>({})
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  useEffect(() => { loadProfileFields(api).then((fields) => setExtras(extrasOf(fields, user.profile))) }, [api])

  async function save(event: Event) {
    event.preventDefault()
    if (!extras) return
    setSaved(false)
    let rest: Record<string, unknown>
    try {
      rest = extras.rest.trim() ? JSON.parse(extras.rest) : {}
      if (typeof rest !== 'object' || rest === null || Array.isArray(rest)) throw new Error('not an object')
    } catch {
      return setErrors({ profile_json: ['Write a JSON object, like {"newsletter": true}, or leave it empty.'] })
    }
    setBusy(true)
    const outcome = await attempt(() => api.PATCH('/api/v1/auth/me/', { body: { ...personal, profile: mergeProfile(extras.fields, extras.texts, rest) } }))
    setBusy(false)
    if (!outcome.ok) return setErrors(outcome.errors)
    setErrors({})
    setSaved(true)
    props.onSaved(outcome.data)
  }

  if (!extras) return <Notice kind="info">Loading your profile…</Notice>
  return (
    <form onSubmit={save} noValidate aria-label="Profile">
      {saved && <Notice kind="success">Your profile has been saved.</Notice>}
      {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
      <EmailStatus api={api} verified={user.email_verified} />
      {PERSONAL.map((f) => (
        <Field id={f.key} label={f.label} type={f.type} autocomplete={f.autocomplete} required={f.required} value={personal[f.key]} errors={errors[f.key]}
          onInput={(value) => setPersonal({ ...personal, [f.key]: value })} />
      ))}
      <ProfileExtras extras={extras} errors={errors} onChange={setExtras} />
      <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save profile'}</button>
    </form>
  )
}

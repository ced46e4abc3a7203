import { Field, FieldErrors } from '../field'
import { fieldText, otherProfileData, type ProfileField } from './profile-schema'
import type { Errors } from './request'

/** The profile part of the form: the schema's fields as texts, the rest as JSON text. */
export interface Extras { fields: ProfileField[]; texts: Record<string, string>; rest: string }

export function extrasOf(fields: ProfileField[], profile: Record<string, unknown>): Extras {
  const rest = otherProfileData(fields, profile)
  return {
    fields,
    texts: Object.fromEntries(fields.map((f) => [f.key, fieldText(profile[f.key])])),
    rest: Object.keys(rest).length ? JSON.stringify(rest, null, 2) : '',
  }
}

function ProfileControl(props: { field: ProfileField; value: string; onInput: (value: string) => void }) {
  const { field } = props
  const id = `profile-${field.key}`
  if (field.kind === 'boolean') {
    return (
      <div class="field check">
        <input id={id} type="checkbox" checked={props.value === 'true'} onChange={(e) => props.onInput(String((e.currentTarget as HTMLInputElement).checked))} />
        <label for={id}>{field.label}</label>
      </div>
    )
  }
  if (field.kind === 'choice') {
    return (
      <div class="field">
        <label for={id}>{field.label}</label>
        <select id={id} value={props.value} onChange={(e) => props.onInput((e.currentTarget as HTMLSelectElement).value)}>
          {!field.required && <option value="">—</option>}
          {field.choices?.map((c) => <option value={c}>{c}</option>)}
        </select>
      </div>
    )
  }
  const type = field.kind === 'text' ? field.inputType : 'number'
  return <Field id={id} label={field.label} hint={field.hint} type={type} autocomplete="off" required={field.required} value={props.value} onInput={props.onInput} />
}

/** The organization's profile fields, then any other profile data as a JSON object. Server messages for `profile` show below. */
export function ProfileExtras(props: { extras: Extras; errors: Errors; onChange: (extras: Extras) => void }) {
  const { extras } = props
  const profileErrors = Object.entries(props.errors).filter(([k]) => k === 'profile' || k.startsWith('profile.')).flatMap(([, m]) => m)
  return (
    <fieldset>
      <legend>More about you</legend>
      {extras.fields.map((field) => (
        <ProfileControl field={field} value={extras.texts[field.key] ?? ''} onInput={(value) => props.onChange({ ...extras, texts: { ...extras.texts, [field.key]: value } })} />
      ))}
      <div class="field">
        <label for="profile_json">Other profile data (JSON)</label>
        <textarea id="profile_json" rows={3} spellcheck={false} value={extras.rest} aria-describedby={props.errors.profile_json ? 'profile_json-errors' : undefined}
          onInput={(e) => props.onChange({ ...extras, rest: (e.currentTarget as HTMLTextAreaElement).value })} />
        <FieldErrors id="profile_json-errors" errors={props.errors.profile_json} />
      </div>
      <FieldErrors id="profile-errors" errors={profileErrors} />
    </fieldset>
  )
}

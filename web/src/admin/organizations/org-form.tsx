import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { Notice } from '../../layout'
import type { Problem } from '../../session'
import { Checkbox, TextArea } from '../controls'
import { useForm } from '../use-form'
import { formatSchema, parseProfileSchema } from './profile-schema'

type Organization = Schemas['Organization']
export type OrganizationChanges = Schemas['UpdateOrganization']

interface Fields { name: string; slug: string; allow_registration: boolean; require_email_verification: boolean; origins: string; profile_schema: string }

const fromOrganization = (o: Organization): Fields => ({
  name: o.name, slug: o.slug, allow_registration: o.allow_registration, require_email_verification: o.require_email_verification,
  origins: o.cors_allowed_origins.join('\n'), profile_schema: formatSchema(o.profile_schema),
})

/** The API's field errors, with `cors_allowed_origins.3`-style keys gathered under their field. */
function errorsByField(problem: Problem | null): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [key, messages] of Object.entries(problem?.fields ?? {})) (out[key.split('.')[0]] ??= []).push(...messages)
  return out
}

/** An organization's settings: name, slug, registration flags, CORS origins and the profile JSON Schema. */
export function OrganizationForm(props: { organization: Organization; readOnly: boolean; onSubmit: (changes: OrganizationChanges) => Promise<Problem | null> }) {
  const { fields, set, problem, setProblem, saved, setSaved, busy, save } = useForm(fromOrganization(props.organization))
  const [schemaError, setSchemaError] = useState('')
  const errors = errorsByField(problem)
  const schemaErrors = schemaError ? [schemaError] : errors.profile_schema

  async function submit(event: Event) {
    event.preventDefault()
    setSaved(false)
    const parsed = parseProfileSchema(fields.profile_schema)
    setSchemaError(parsed.error ?? '')
    if (parsed.error !== undefined) return setProblem(null)
    await save(() => props.onSubmit({
      name: fields.name, slug: fields.slug, allow_registration: fields.allow_registration, require_email_verification: fields.require_email_verification,
      cors_allowed_origins: fields.origins.split('\n').map((o) => o.trim()).filter(Boolean), profile_schema: parsed.schema,
    }))
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      <fieldset disabled={props.readOnly}>
        {problem && <Notice kind="error">{problem.message}</Notice>}
        {schemaError && <Notice kind="error">Check the profile schema: nothing was saved.</Notice>}
        {saved && <Notice kind="success">Saved.</Notice>}
        <div class="grid-2">
          <Field id="org-name" label="Name" type="text" autocomplete="off" value={fields.name} errors={errors.name} hint="Shown above the hosted pages." onInput={set('name')} />
          <Field id="org-slug" label="Slug" type="text" autocomplete="off" value={fields.slug} errors={errors.slug}
            hint="What clients send as X-Organization." onInput={set('slug')} />
        </div>
        <Checkbox label="Open registration" hint="Anyone may create an account with /auth/register/." checked={fields.allow_registration} onChange={set('allow_registration')} />
        <Checkbox label="Require email verification" hint="Accounts sign in only once their address is verified." checked={fields.require_email_verification} onChange={set('require_email_verification')} />
        <TextArea id="org-origins" label="CORS allowed origins" rows={3} monospace value={fields.origins} errors={errors.cors_allowed_origins}
          hint="One origin per line (https://shop.example.com): browser pages that may call the API for this organization." onInput={set('origins')} />
        <TextArea id="org-profile-schema" label="Profile JSON Schema" rows={10} monospace value={fields.profile_schema} errors={schemaErrors}
          hint="Draft-07; every user's profile must satisfy it. Empty: no schema. Patterns use RE2 syntax; $ref only within the schema." onInput={(v) => { setSchemaError(''); set('profile_schema')(v) }} />
        {!props.readOnly && <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save settings'}</button>}
      </fieldset>
    </form>
  )
}

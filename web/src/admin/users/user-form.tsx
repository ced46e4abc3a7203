import type { Schemas } from '@commercecore/client'
import { Field } from '../../field'
import { Notice } from '../../layout'
import type { Problem } from '../../session'
import { useForm } from '../use-form'

type User = Schemas['User']
export interface UserFields { username: string; email: string; first_name: string; last_name: string; phone_number: string; password: string }

const fromUser = (u?: User): UserFields => ({
  username: u?.username ?? '', email: u?.email ?? '', first_name: u?.first_name ?? '', last_name: u?.last_name ?? '', phone_number: u?.phone_number ?? '', password: '',
})

/**
 * The user's identity and names; on create also an optional password (none: the user sets
 * one through "forgot password"). The API's field errors appear under each field.
 */
export function UserForm(props: { user?: User; readOnly: boolean; submitLabel: string; onSubmit: (fields: UserFields) => Promise<Problem | null> }) {
  const { fields, set, problem, saved, busy, save } = useForm(fromUser(props.user))
  const errors = problem?.fields ?? {}

  async function submit(event: Event) {
    event.preventDefault()
    await save(() => props.onSubmit(fields))
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      <fieldset disabled={props.readOnly}>
        {problem && <Notice kind="error">{problem.message}</Notice>}
        {saved && props.user && <Notice kind="success">Saved.</Notice>}
        <div class="grid-2">
          <Field id="username" label="Username" type="text" autocomplete="off" value={fields.username} errors={errors.username} onInput={set('username')} />
          <Field id="email" label="Email" type="email" autocomplete="off" value={fields.email} errors={errors.email} onInput={set('email')} />
          <Field id="first_name" label="First name" type="text" autocomplete="off" required={false} value={fields.first_name} errors={errors.first_name} onInput={set('first_name')} />
          <Field id="last_name" label="Last name" type="text" autocomplete="off" required={false} value={fields.last_name} errors={errors.last_name} onInput={set('last_name')} />
          <Field id="phone_number" label="Phone number" type="tel" autocomplete="off" required={false} value={fields.phone_number} errors={errors.phone_number} onInput={set('phone_number')} />
          {!props.user && <Field id="new-user-password" label="Password (optional)" type="password" autocomplete="new-password" required={false} value={fields.password} errors={errors.password}
            hint="Leave empty: the user chooses one with “forgot password”." onInput={set('password')} />}
        </div>
        {!props.readOnly && <button type="submit" disabled={busy}>{busy ? 'Saving…' : props.submitLabel}</button>}
      </fieldset>
    </form>
  )
}

import type { Schemas } from '@commercecore/client'
import type { ComponentChildren } from 'preact'
import { Notice } from '../../layout'
import { useCapabilities } from '../capabilities'
import type { Problem } from '../../session'
import { useForm } from '../use-form'
import { ClientFields, draftOf, NEW_CLIENT, type ClientDraft } from './client-fields'
import { useScopeChoices } from './scope-choices'

/** A client's settings: a create (no `client`: the type can be chosen) or an edit; the API's field errors under each field. */
export function ClientForm(props: {
  client?: Schemas['OAuthClient']; readOnly: boolean; submitLabel: string; onSubmit: (draft: ClientDraft) => Promise<Problem | null>; children?: ComponentChildren
}) {
  const { fields, set, problem, saved, busy, save } = useForm(props.client ? draftOf(props.client) : NEW_CLIENT)
  const scopeChoices = useScopeChoices()
  const { administrator } = useCapabilities()

  async function submit(event: Event) {
    event.preventDefault()
    await save(() => props.onSubmit(fields))
  }

  return (
    <form onSubmit={submit} noValidate aria-busy={busy}>
      <fieldset disabled={props.readOnly}>
        {problem && <Notice kind="error">{problem.message}</Notice>}
        {saved && props.client && <Notice kind="success">Saved.</Notice>}
        {props.children}
        <ClientFields draft={fields} set={set} problem={problem} creating={!props.client} scopeChoices={scopeChoices} mayMarkFirstParty={administrator} />
        {!props.readOnly && <button type="submit" disabled={busy}>{busy ? 'Saving…' : props.submitLabel}</button>}
      </fieldset>
    </form>
  )
}

import type { Schemas } from '@commercecore/client'
import { useEffect, useRef, useState } from 'preact/hooks'
import { Field } from '../../field'
import { Notice } from '../../layout'
import { api, type Problem } from '../../session'
import { attempt } from '../ui'

type Role = Schemas['Role']

/**
 * A role's name and description (PATCH /roles/{id}/ with only those two). The API's field
 * errors — a name another role has, an empty one — appear under the field.
 */
export function EditRole(props: { role: Role; onSaved: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState(props.role.name)
  const [description, setDescription] = useState(props.role.description)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [props.role.id])

  async function submit(event: Event) {
    event.preventDefault()
    setBusy(true)
    const o = await attempt(() => api.PATCH('/api/v1/roles/{id}/', { params: { path: { id: props.role.id } }, body: { name: name.trim(), description } }))
    setBusy(false)
    setProblem(o.problem)
    if (o.data) props.onSaved(o.data.name)
  }

  const errors = problem?.fields ?? {}
  const fieldsSpeak = Boolean(errors.name || errors.description)
  return (
    <form class="panel" onSubmit={submit} noValidate aria-labelledby="edit-role-heading" aria-busy={busy}>
      <h2 id="edit-role-heading" tabIndex={-1} ref={heading}>Edit role {props.role.name}</h2>
      {problem && !fieldsSpeak && <Notice kind="error">{problem.message}</Notice>}
      <Field id="edit-role-name" label="Name" type="text" autocomplete="off" value={name} errors={errors.name} onInput={setName} />
      <Field id="edit-role-description" label="Description" type="text" autocomplete="off" required={false} value={description} errors={errors.description} onInput={setDescription} />
      <div class="actions">
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save role'}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  )
}

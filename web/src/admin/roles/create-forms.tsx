import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { Notice } from '../../layout'
import { api, type Problem } from '../../session'
import { attempt } from '../ui'

/** A small create form: its fields, the API's field errors under them, a success line. */
function useCreateForm<F extends Record<string, string>>(empty: F, create: (f: F) => Promise<Problem | null>, onCreated: () => void) {
  const [fields, setFields] = useState(empty)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [done, setDone] = useState('')
  const set = (name: keyof F) => (value: string) => setFields({ ...fields, [name]: value })
  async function submit(event: Event) {
    event.preventDefault()
    const p = await create(fields)
    setProblem(p)
    setDone(p ? '' : Object.values(fields)[0])
    if (!p) { setFields(empty); onCreated() }
  }
  return { fields, set, submit, problem, errors: problem?.fields ?? {}, done }
}

export function NewRole(props: { onCreated: () => void }) {
  const f = useCreateForm({ name: '', description: '' }, async (v) => (await attempt(() => api.POST('/api/v1/roles/', { body: { name: v.name.trim(), description: v.description } }))).problem, props.onCreated)
  return (
    <form class="panel" onSubmit={f.submit} noValidate aria-labelledby="new-role-heading">
      <h2 id="new-role-heading">New role</h2>
      {f.problem && <Notice kind="error">{f.problem.message}</Notice>}
      {f.done && <Notice kind="success">Role {f.done} created: tick its permissions in the grid.</Notice>}
      <Field id="role-name" label="Name" type="text" autocomplete="off" value={f.fields.name} errors={f.errors.name} onInput={f.set('name')} />
      <Field id="role-description" label="Description" type="text" autocomplete="off" required={false} value={f.fields.description} errors={f.errors.description} onInput={f.set('description')} />
      <button type="submit">Create role</button>
    </form>
  )
}

export function NewPermission(props: { onCreated: () => void }) {
  const f = useCreateForm({ codename: '', name: '', description: '' }, async (v) => (await attempt(() => api.POST('/api/v1/permissions/', { body: { codename: v.codename.trim(), name: v.name.trim(), description: v.description } }))).problem, props.onCreated)
  return (
    <form class="panel" onSubmit={f.submit} noValidate aria-labelledby="new-permission-heading">
      <h2 id="new-permission-heading">New permission</h2>
      {f.problem && <Notice kind="error">{f.problem.message}</Notice>}
      {f.done && <Notice kind="success">Permission {f.done} created.</Notice>}
      <Field id="permission-codename" label="Codename" type="text" autocomplete="off" value={f.fields.codename} errors={f.errors.codename}
        hint="Lowercase letters, digits and _ . : - (e.g. refund_orders)." onInput={f.set('codename')} />
      <Field id="permission-name" label="Name" type="text" autocomplete="off" value={f.fields.name} errors={f.errors.name} onInput={f.set('name')} />
      <Field id="permission-description" label="Description" type="text" autocomplete="off" required={false} value={f.fields.description} errors={f.errors.description} onInput={f.set('description')} />
      <button type="submit">Create permission</button>
    </form>
  )
}

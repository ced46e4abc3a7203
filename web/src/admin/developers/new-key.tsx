import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { Notice } from '../../layout'
import { api, type Problem } from '../../session'
import { ShownOnce } from '../shown-once'
import { attempt } from '../ui'

type NewApiKey = Schemas['NewApiKey']

/**
 * Creates a key and shows it exactly once: it lives only in this component's memory (the
 * API keeps only its hash), so leaving or reloading the page loses it for good.
 */
export function NewKey(props: { developerId: string; onCreated: () => void }) {
  const [name, setName] = useState('')
  const [expires, setExpires] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [created, setCreated] = useState<NewApiKey | null>(null)

  async function create(event: Event) {
    event.preventDefault()
    const expires_at = expires ? new Date(expires).toISOString() : null
    const o = await attempt(() => api.POST('/api/v1/developers/{id}/keys/', { params: { path: { id: props.developerId } }, body: { name: name.trim(), expires_at } }))
    setProblem(o.problem)
    if (o.problem) return
    setCreated(o.data)
    setName('')
    setExpires('')
    props.onCreated()
  }

  return (
    <div class="panel">
      <h2 id="new-key-heading">New API key</h2>
      {created && (
        <ShownOnce id="new-key-value" label="API key" testId="new-key" value={created.key} onDone={() => setCreated(null)}>
          <strong>Key “{created.name}” created.</strong>
        </ShownOnce>
      )}
      <form onSubmit={create} noValidate aria-labelledby="new-key-heading">
        {problem && <Notice kind="error">{problem.message}</Notice>}
        <div class="grid-2">
          <Field id="key-name" label="Key name" type="text" autocomplete="off" value={name} errors={problem?.fields.name} hint="What uses it, e.g. ci-deploy." onInput={setName} />
          <Field id="key-expires" label="Expires (optional)" type="datetime-local" autocomplete="off" required={false} value={expires} errors={problem?.fields.expires_at} hint="Empty: until revoked." onInput={setExpires} />
        </div>
        <button type="submit">Create key</button>
      </form>
    </div>
  )
}

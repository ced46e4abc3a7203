import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Notice } from '../../layout'
import { followLink, navigate } from '../../router'
import { api } from '../../session'
import { useCapabilities } from '../capabilities'
import { when } from '../controls'
import { ShownOnce } from '../shown-once'
import { attempt, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'
import { settingsOf } from './client-fields'
import { ClientForm } from './client-form'
import { CLIENTS } from './client-list'

type OAuthClient = Schemas['OAuthClient']
type Message = { kind: 'success' | 'error'; text: string }
const Back = () => <a class="back" href={CLIENTS} onClick={(e) => followLink(e, CLIENTS)}>← All OAuth clients</a>

/** One client: its settings (editable with manage_developers), a new secret shown once, delete after a confirm. */
export function ClientDetail(props: { id: string }) {
  const { can } = useCapabilities()
  const client = useLoad(() => attempt(() => api.GET('/api/v1/oauth-clients/{id}/', { params: { path: { id: props.id } } })), [props.id])
  const manage = can('manage_developers')
  const c = client.data

  return (
    <section>
      <Back />
      <ScreenHeader title={c ? `OAuth client ${c.name}` : 'OAuth client'} />
      <ProblemNotice problem={client.problem} />
      {!manage && <ReadOnlyNote permission="manage_developers" />}
      {c && <p class="perms" data-testid="client-summary">Client ID <code>{c.client_id}</code>; {c.type}; created {when(c.created_at)}, changed {when(c.updated_at)}.</p>}
      {c && manage && <ClientActions client={c} />}
      {c && (
        <div class="panel">
          <h2>Settings</h2>
          <ClientForm key={c.id} client={c} readOnly={!manage} submitLabel="Save changes" onSubmit={async (draft) => {
            const o = await attempt(() => api.PATCH('/api/v1/oauth-clients/{id}/', { params: { path: { id: c.id } }, body: settingsOf(draft) }))
            return o.problem
          }} />
        </div>
      )}
    </section>
  )
}

/** Rotate the secret (confidential clients) and delete, each a deliberate step. */
function ClientActions(props: { client: OAuthClient }) {
  const c = props.client
  const [secret, setSecret] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)

  async function rotate() {
    const o = await attempt(() => api.POST('/api/v1/oauth-clients/{id}/rotate-secret/', { params: { path: { id: c.id } } }))
    if (o.problem) return setMessage({ kind: 'error', text: o.problem.message })
    setMessage(null)
    setSecret(o.data.client_secret ?? null)
  }

  async function remove() {
    const o = await attempt(() => api.DELETE('/api/v1/oauth-clients/{id}/', { params: { path: { id: c.id } } }))
    if (o.problem) return setMessage({ kind: 'error', text: o.problem.message })
    navigate(CLIENTS)
  }

  return (
    <div class="panel">
      <h2>Secret and removal</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {secret && (
        <ShownOnce id="rotated-client-secret" label="Client secret" testId="new-client-secret" value={secret} onDone={() => setSecret(null)}>
          <strong>New secret for “{c.name}”.</strong> The old one no longer works.
        </ShownOnce>
      )}
      {c.type === 'confidential' && <button type="button" class="secondary" onClick={rotate}>Rotate secret</button>}{' '}
      {!confirming && <button type="button" class="danger" onClick={() => setConfirming(true)}>Delete client</button>}
      {confirming && (
        <div role="alertdialog" aria-labelledby="delete-client-question" class="notice error">
          <p id="delete-client-question">Delete “{c.name}”? Its codes, tokens and consents end at once; this cannot be undone here.</p>
          <button type="button" class="danger" onClick={remove}>Yes, delete</button>{' '}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      )}
    </div>
  )
}

import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Notice } from '../../layout'
import { followLink, navigate } from '../../router'
import { api } from '../../session'
import { OIDC_SCOPES } from '../../../../src/modules/oauth-clients/oidc-scopes'
import { useCapabilities, type Capabilities, type Codename } from '../capabilities'
import { Confirm } from '../confirm'
import { when } from '../controls'
import { ShownOnce } from '../shown-once'
import { attempt, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad, type Outcome } from '../ui'
import { changesOf } from './client-fields'
import { ClientForm } from './client-form'
import { CLIENTS } from './client-list'

type OAuthClient = Schemas['OAuthClient']
type Message = { kind: 'success' | 'error'; text: string }
const Back = () => <a class="back" href={CLIENTS} onClick={(e) => followLink(e, CLIENTS)}>← All OAuth clients</a>

/**
 * Why the caller may not change this client although they manage developers, or null: as the
 * API rules, staff change only a client they could have registered (no scope beyond theirs,
 * first-party only by an administrator).
 */
function beyondCaller(c: OAuthClient, { can, administrator }: Capabilities): string | null {
  if (c.first_party && !administrator) return 'This client is first-party: only an administrator of the organization changes it.'
  // can() checks any codename held, a custom one too.
  const beyond = c.scopes.filter((s) => !(OIDC_SCOPES as readonly string[]).includes(s) && !can(s as Codename))
  return beyond.length ? `This client has scopes you do not hold (${beyond.join(', ')}): only someone who holds them changes it.` : null
}

/** One client: its settings (editable with manage_developers; saved, the client is loaded again), a new secret shown once, rotate and delete after a confirm. */
export function ClientDetail(props: { id: string }) {
  const capabilities = useCapabilities()
  const client = useLoad(() => attempt(() => api.GET('/api/v1/oauth-clients/{id}/', { params: { path: { id: props.id } } })), [props.id])
  const c = client.data
  const manageDevelopers = capabilities.can('manage_developers')
  const blocked = c && manageDevelopers ? beyondCaller(c, capabilities) : null
  const manage = manageDevelopers && !blocked

  return (
    <section>
      <Back />
      <ScreenHeader title={c ? `OAuth client ${c.name}` : 'OAuth client'} />
      <ProblemNotice problem={client.problem} />
      {!manageDevelopers && <ReadOnlyNote permission="manage_developers" />}
      {blocked && <Notice kind="info">{blocked}</Notice>}
      {c && <p class="perms" data-testid="client-summary">Client ID <code>{c.client_id}</code>; {c.type}; created {when(c.created_at)}, changed {when(c.updated_at)}.</p>}
      {c && manage && <ClientActions client={c} />}
      {c && (
        <div class="panel">
          <h2>Settings</h2>
          <ClientForm key={c.id} client={c} readOnly={!manage} submitLabel="Save changes" onSubmit={async (draft) => {
            const o = await attempt(() => api.PATCH('/api/v1/oauth-clients/{id}/', { params: { path: { id: c.id } }, body: changesOf(c, draft) }))
            if (!o.problem) client.reload() // the heading and the "changed" time
            return o.problem
          }} />
        </div>
      )}
    </section>
  )
}

/** Rotate the secret (confidential clients) and delete, each a deliberate step: confirmed, one request at a time. */
function ClientActions(props: { client: OAuthClient }) {
  const c = props.client
  const [secret, setSecret] = useState<string | null>(null)
  const [confirming, setConfirming] = useState<'rotate' | 'delete' | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)

  async function run<T>(call: () => Promise<Outcome<T>>, done: (data: T) => void) {
    setBusy(true)
    const o = await call()
    setBusy(false)
    setConfirming(null)
    if (o.problem) return setMessage({ kind: 'error', text: o.problem.message })
    setMessage(null)
    done(o.data)
  }
  const rotate = () => run(() => attempt(() => api.POST('/api/v1/oauth-clients/{id}/rotate-secret/', { params: { path: { id: c.id } } })), (d) => setSecret(d.client_secret ?? null))
  const remove = () => run(() => attempt(() => api.DELETE('/api/v1/oauth-clients/{id}/', { params: { path: { id: c.id } } })), () => navigate(CLIENTS))

  return (
    <div class="panel">
      <h2>Secret and removal</h2>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {secret && (
        <ShownOnce id="rotated-client-secret" label="Client secret" testId="new-client-secret" value={secret} takeFocus onDone={() => setSecret(null)}>
          <strong>New secret for “{c.name}”.</strong> The old one no longer works.
        </ShownOnce>
      )}
      {!confirming && c.type === 'confidential' && <button type="button" class="secondary" disabled={busy} onClick={() => setConfirming('rotate')}>Rotate secret</button>}{' '}
      {!confirming && <button type="button" class="danger" disabled={busy} onClick={() => setConfirming('delete')}>Delete client</button>}
      {confirming === 'rotate' && (
        <Confirm id="rotate-secret-question" confirmLabel={busy ? 'Rotating…' : 'Yes, rotate'} busy={busy} onConfirm={rotate} onCancel={() => setConfirming(null)}>
          Rotate the secret of “{c.name}”? The current secret stops working at once: every server using it is cut off until it has the new one.
        </Confirm>
      )}
      {confirming === 'delete' && (
        <Confirm id="delete-client-question" confirmLabel={busy ? 'Deleting…' : 'Yes, delete'} busy={busy} onConfirm={remove} onCancel={() => setConfirming(null)}>
          Delete “{c.name}”? Its codes, tokens and consents end at once; this cannot be undone here.
        </Confirm>
      )}
    </div>
  )
}

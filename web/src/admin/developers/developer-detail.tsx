import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Notice } from '../../layout'
import { followLink } from '../../router'
import { api } from '../../session'
import { when } from '../controls'
import { attempt, Pager, ProblemNotice, ScreenHeader, useLoad } from '../ui'
import { NewKey } from './new-key'

type ApiKey = Schemas['ApiKey']
const LIST = '/admin/developers/'
const Back = () => <a class="back" href={LIST} onClick={(e) => followLink(e, LIST)}>← All developers</a>

/** One developer: who it is, its live keys (never the keys themselves), a new key, revoke. Needs manage_developers (the list links here only then). */
export function DeveloperDetail(props: { id: string }) {
  const developer = useLoad(() => attempt(() => api.GET('/api/v1/developers/{id}/', { params: { path: { id: props.id } } })), [props.id])
  const [cursor, setCursor] = useState<string | undefined>()
  const keys = useLoad(() => attempt(() => api.GET('/api/v1/developers/{id}/keys/', { params: { path: { id: props.id }, query: { cursor, limit: 50 } } })), [props.id, cursor])
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const d = developer.data

  async function revoke(key: ApiKey) {
    const o = await attempt(() => api.DELETE('/api/v1/developers/{id}/keys/{key_id}/', { params: { path: { id: props.id, key_id: key.id } } }))
    setMessage(o.problem ? { kind: 'error', text: o.problem.message } : { kind: 'success', text: `Key “${key.name}” is revoked: its next request is refused.` })
    keys.reload()
  }

  return (
    <section>
      <Back />
      <ScreenHeader title={d ? `Developer ${d.name}` : 'Developer'} />
      <ProblemNotice problem={developer.problem ?? keys.problem} />
      {d && <p class="perms" data-testid="developer-summary">Contact {d.email || 'none'}; roles {d.roles.map((r) => r.name).join(', ') || 'none (its keys can do nothing)'}; created {when(d.created_at)}.</p>}
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {d && <NewKey developerId={d.id} onCreated={keys.reload} />}
      {keys.data && (
        <table>
          <caption>Live keys</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {keys.data.results.map((k) => (
              <tr data-testid={`key-${k.name}`}>
                <td>{k.name}</td>
                <td><code>{k.prefix}…</code></td>
                <td>{when(k.created_at)}</td>
                <td>{k.expires_at ? when(k.expires_at) : 'never'}</td>
                <td>{k.last_used_at ? when(k.last_used_at) : 'never'}</td>
                <td><button type="button" class="danger" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>Revoke</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {keys.data && !keys.data.results.length && <p>No live keys.</p>}
      <Pager previous={keys.data?.previous} next={keys.data?.next} onPage={setCursor} />
    </section>
  )
}

import type { Schemas } from '@commercecore/client'
import { useEffect, useRef, useState } from 'preact/hooks'
import { Field } from '../../field'
import { followLink } from '../../router'
import { api } from '../../session'
import { useCapabilities } from '../capabilities'
import { when } from '../controls'
import { ShownOnce } from '../shown-once'
import { attempt, everyPage, Pager, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'
import { settingsOf } from './client-fields'
import { ClientForm } from './client-form'

const PAGE_SIZE = 25
export const CLIENTS = '/admin/oauth-clients/'
type Created = Schemas['OAuthClientWithSecret']

/** The organization's OAuth clients: search, cursor pages, and (manage_developers) a form to register one. */
export function ClientList() {
  const { can } = useCapabilities()
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState('')
  const [cursor, setCursor] = useState<string | undefined>()
  const list = useLoad(() => attempt(() => api.GET('/api/v1/oauth-clients/', { params: { query: { search: search || undefined, cursor, limit: PAGE_SIZE } } })), [search, cursor])
  const developers = useLoad(() => everyPage((c) => attempt(() => api.GET('/api/v1/developers/', { params: { query: { limit: 200, cursor: c } } }))), [])
  const developerName = new Map((developers.data ?? []).map((d) => [d.id, d.name]))
  const manage = can('manage_developers')

  return (
    <section>
      <ScreenHeader title="OAuth clients" />
      {!manage && <ReadOnlyNote permission="manage_developers" />}
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setCursor(undefined); setSearch(query.trim()) }}>
        <Field id="client-search" label="Search clients" type="search" autocomplete="off" required={false} value={query} hint="Part of the name or client ID." onInput={setQuery} />
        <button type="submit">Search</button>
      </form>
      <ProblemNotice problem={list.problem ?? developers.problem} />
      {list.data && (
        <table class="stack">
          <caption class="visually-hidden">OAuth clients</caption>
          <thead><tr><th scope="col">Client</th><th scope="col">Client ID</th><th scope="col">Type</th><th scope="col">Developer</th><th scope="col">Grants</th><th scope="col">Created</th></tr></thead>
          <tbody>
            {list.data.results.map((c) => (
              <tr data-testid={`client-${c.name}`}>
                <td data-label="Client"><a href={`${CLIENTS}${c.id}/`} onClick={(e) => followLink(e, `${CLIENTS}${c.id}/`)}>{c.name}</a>{c.first_party && <span class="perms"> (first party)</span>}</td>
                <td data-label="Client ID"><code>{c.client_id}</code></td>
                <td data-label="Type">{c.type}</td>
                <td data-label="Developer">{developerName.get(c.developer_id) ?? '—'}</td>
                <td data-label="Grants">{c.grant_types.join(', ')}</td>
                <td data-label="Created">{when(c.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && !list.data.results.length && <p>No OAuth clients{search ? ` match “${search}”` : ' yet'}.</p>}
      <Pager previous={list.data?.previous} next={list.data?.next} onPage={setCursor} />
      {manage && developers.data && <NewClient developers={developers.data} onCreated={list.reload} />}
    </section>
  )
}

/** The registration form; what it registered shows above it and takes focus (a confidential client's secret, shown once). */
function NewClient(props: { developers: Schemas['Developer'][]; onCreated: () => void }) {
  const [developerId, setDeveloperId] = useState(props.developers[0]?.id ?? '')
  const [formKey, setFormKey] = useState(0)
  const [created, setCreated] = useState<Created | null>(null)
  if (!props.developers.length) return <p class="panel">Register a developer first: every OAuth client belongs to one.</p>
  return (
    <div class="panel forms">
      <h2 id="new-client-heading">New OAuth client</h2>
      {created && <Registered client={created} onDone={() => setCreated(null)} />}
      <ClientForm key={formKey} readOnly={false} submitLabel="Register client" onSubmit={async (draft) => {
        const o = await attempt(() => api.POST('/api/v1/developers/{id}/oauth-clients/', { params: { path: { id: developerId } }, body: { type: draft.type, ...settingsOf(draft) } }))
        if (o.problem) return o.problem
        setCreated(o.data)
        props.onCreated()
        setFormKey(formKey + 1) // a fresh, empty form
        return null
      }}>
        <div class="field">
          <label for="client-developer">Developer</label>
          <p class="hint" id="client-developer-hint">Its client-credentials tokens act as this developer.</p>
          <select id="client-developer" aria-describedby="client-developer-hint" value={developerId} onChange={(e) => setDeveloperId((e.currentTarget as HTMLSelectElement).value)}>
            {props.developers.map((d) => <option value={d.id}>{d.name}</option>)}
          </select>
        </div>
      </ClientForm>
    </div>
  )
}

/** "Registered": with the client ID, and a confidential client's secret shown once. */
function Registered(props: { client: Created; onDone: () => void }) {
  const c = props.client
  const notice = useRef<HTMLParagraphElement>(null)
  useEffect(() => { notice.current?.focus() }, [c.id])
  const what = <><strong>Client “{c.name}” registered</strong> with client ID <code>{c.client_id}</code>.</>
  if (c.client_secret) return <ShownOnce id="new-client-secret" label="Client secret" testId="new-client-secret" value={c.client_secret} takeFocus onDone={props.onDone}>{what}</ShownOnce>
  return <p class="notice success" role="status" tabIndex={-1} ref={notice} data-testid="client-registered">{what} A public client has no secret: it proves itself with PKCE.</p>
}

import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { api } from '../../session'
import { useCapabilities } from '../capabilities'
import { shortId, when } from '../controls'
import { attempt, Pager, ProblemNotice, ScreenHeader, useLoad } from '../ui'
import { AuditFilters, type AuditFilter } from './audit-filters'
import { useUsernames } from '../people'

type AuditEvent = Schemas['AuditEvent']
const PAGE_SIZE = 25

/** The organization's audit log, newest first: filters, cursor pages, each event's metadata. */
export function AuditLog() {
  const { can } = useCapabilities()
  const [filter, setFilter] = useState<AuditFilter>({})
  const [cursor, setCursor] = useState<string | undefined>()
  const list = useLoad(() => attempt(() => api.GET('/api/v1/audit-events/', { params: { query: { ...filter, cursor, limit: PAGE_SIZE } } })), [JSON.stringify(filter), cursor])
  const events = list.data?.results ?? []
  const userIds = events.flatMap((e) => [e.actor_type === 'user' ? e.actor_id : null, e.target_type === 'user' ? e.target_id : null]).filter((id): id is string => !!id)
  const names = useUsernames(userIds, can('view_users'))

  return (
    <section>
      <ScreenHeader title="Audit log" />
      <AuditFilters onApply={(f) => { setCursor(undefined); setFilter(f) }} />
      <ProblemNotice problem={list.problem} />
      {list.data && (
        <table>
          <caption class="visually-hidden">Audit events, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Actor</th><th scope="col">Target</th><th scope="col">From</th><th scope="col">Details</th></tr></thead>
          <tbody>{events.map((e) => <EventRow event={e} names={names} />)}</tbody>
        </table>
      )}
      {list.data && !events.length && <p>No events match these filters.</p>}
      <Pager previous={list.data?.previous} next={list.data?.next} onPage={setCursor} />
    </section>
  )
}

const who = (type: string | null, id: string | null, names: Map<string, string>) =>
  !id ? (type ?? '—') : <>{type} <span title={id}>{names.get(id) || shortId(id)}</span></>

function EventRow(props: { event: AuditEvent; names: Map<string, string> }) {
  const e = props.event
  const metadata = Object.keys(e.metadata).length ? JSON.stringify(e.metadata, null, 2) : ''
  return (
    <tr data-testid="audit-event" data-action={e.action}>
      <td>{when(e.created_at)}</td>
      <td><code>{e.action}</code></td>
      <td>{who(e.actor_type, e.actor_id, props.names)}</td>
      <td>{who(e.target_type, e.target_id, props.names)}</td>
      <td><span class="perms">{e.ip || '—'}</span></td>
      <td>{metadata ? <details><summary>Metadata</summary><pre class="code">{metadata}</pre></details> : <span class="perms">—</span>}{e.user_agent && <div class="perms" title={e.user_agent}>{e.user_agent.length > 40 ? `${e.user_agent.slice(0, 40)}…` : e.user_agent}</div>}</td>
    </tr>
  )
}

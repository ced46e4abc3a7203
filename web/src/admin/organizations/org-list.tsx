import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { Notice } from '../../layout'
import { followLink } from '../../router'
import { api, useSession } from '../../session'
import { useCapabilities } from '../capabilities'
import { Checkbox, when } from '../controls'
import { attempt, Pager, ProblemNotice, ScreenHeader, useLoad } from '../ui'
import { useOrganizationActions } from './org-actions'

type Organization = Schemas['Organization']
const PAGE_SIZE = 25
const DEFAULT_SLUG = 'default'

/** Every organization (superusers; others see their own): server-side search, cursor pages, the deleted ones to restore. */
export function OrganizationList() {
  const { superuser } = useCapabilities()
  const session = useSession()
  const current = session.state === 'signed-in' ? session.organization : ''
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState('')
  const [deleted, setDeleted] = useState(false)
  const [cursor, setCursor] = useState<string | undefined>()
  const list = useLoad(() => attempt(() => api.GET('/api/v1/organizations/', {
    params: { query: { search: search || undefined, cursor, limit: PAGE_SIZE, ordering: 'slug', deleted: deleted || undefined } },
  })), [search, cursor, deleted])
  const actions = useOrganizationActions(list.reload)

  return (
    <section>
      <ScreenHeader title="Organizations">
        {superuser && <a class="button" href="/admin/organizations/new/" onClick={(e) => followLink(e, '/admin/organizations/new/')}>New organization</a>}
      </ScreenHeader>
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setCursor(undefined); setSearch(query.trim()) }}>
        <Field id="org-list-search" label="Search organizations" type="search" autocomplete="off" required={false} value={query} hint="Part of the name or slug." onInput={setQuery} />
        <button type="submit">Search</button>
        {superuser && <Checkbox label="Show deleted organizations" checked={deleted} onChange={(on) => { setCursor(undefined); setDeleted(on) }} />}
      </form>
      {actions.message && <Notice kind={actions.message.kind}>{actions.message.text}{actions.message.undo && <> <button type="button" class="link" onClick={actions.message.undo}>Restore</button></>}</Notice>}
      <ProblemNotice problem={list.problem} />
      {list.data && (
        <table>
          <caption class="visually-hidden">{deleted ? 'Deleted organizations' : 'Organizations'}</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Registration</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {list.data.results.map((o) => (
              <tr data-testid={`org-${o.slug}`}>
                <td>{deleted ? o.name : <a href={`/admin/organizations/${o.id}/`} onClick={(e) => followLink(e, `/admin/organizations/${o.id}/`)}>{o.name}</a>}</td>
                <td><code>{o.slug}</code></td>
                <td>{o.allow_registration ? 'open' : 'closed'}{o.require_email_verification ? ', verified email' : ''}</td>
                <td>{when(o.created_at)}</td>
                <td><RowActions org={o} deleted={deleted} superuser={superuser} current={current} actions={actions} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && !list.data.results.length && <p>No {deleted ? 'deleted ' : ''}organizations{search ? ` match “${search}”` : ''}.</p>}
      <Pager previous={list.data?.previous} next={list.data?.next} onPage={setCursor} />
    </section>
  )
}

function RowActions(props: { org: Organization; deleted: boolean; superuser: boolean; current: string; actions: ReturnType<typeof useOrganizationActions> }) {
  const { org, actions } = props
  if (!props.superuser) return null
  if (props.deleted) return <button type="button" class="secondary" onClick={() => actions.restore(org)} aria-label={`Restore ${org.name}`}>Restore</button>
  // Not the default organization (the API refuses) nor the one being administered (every later call would be a 404).
  if (org.slug === DEFAULT_SLUG || org.slug === props.current || org.id === props.current) return null
  return <button type="button" class="danger" onClick={() => actions.remove(org)} aria-label={`Delete ${org.name}`}>Delete</button>
}

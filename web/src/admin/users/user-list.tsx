import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { Notice } from '../../layout'
import { followLink } from '../../router'
import { api, useSession } from '../../session'
import { useCapabilities } from '../capabilities'
import { attempt, Pager, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'
import { StatusBadge, useUserActions } from './user-actions'

type User = Schemas['User']
const PAGE_SIZE = 25

/** The organization's users: server-side search, cursor pages, and the row actions. */
export function UserList() {
  const { can } = useCapabilities()
  const session = useSession()
  const selfId = session.state === 'signed-in' ? session.user.id : ''
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState('')
  const [cursor, setCursor] = useState<string | undefined>()
  const [deleted, setDeleted] = useState(false)
  const list = useLoad(() => attempt(() => api.GET('/api/v1/users/', { params: { query: { search: search || undefined, cursor, limit: PAGE_SIZE, deleted: deleted || undefined } } })), [search, cursor, deleted])
  const actions = useUserActions(list.reload)
  const manage = can('manage_users')

  return (
    <section aria-labelledby="users-heading">
      <ScreenHeader title="Users">
        {manage && <a class="button" href="/admin/users/new/" onClick={(e) => followLink(e, '/admin/users/new/')}>New user</a>}
      </ScreenHeader>
      {!manage && <ReadOnlyNote permission="manage_users" />}
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setCursor(undefined); setSearch(query.trim()) }}>
        <Field id="user-search" label="Search users" type="search" autocomplete="off" required={false} value={query}
          hint="Part of a username, email, first or last name." onInput={setQuery} />
        <button type="submit">Search</button>
        <label class="check"><input type="checkbox" checked={deleted} onChange={(e) => { setCursor(undefined); setDeleted((e.currentTarget as HTMLInputElement).checked) }} /> Deleted users</label>
      </form>
      {actions.message && <Notice kind={actions.message.kind}>{actions.message.text}{actions.message.undo && <> <button type="button" class="link" onClick={actions.message.undo}>Restore</button></>}</Notice>}
      <ProblemNotice problem={list.problem} />
      {list.data && <UserTable users={list.data.results} manage={manage} selfId={selfId} deleted={deleted} actions={actions} />}
      {list.data && !list.data.results.length && <p>No {deleted ? 'deleted ' : ''}users{search ? ` match “${search}”` : ''}.</p>}
      <Pager previous={list.data?.previous} next={list.data?.next} onPage={setCursor} />
    </section>
  )
}

function UserTable(props: { users: User[]; manage: boolean; selfId: string; deleted: boolean; actions: ReturnType<typeof useUserActions> }) {
  return (
    <table class="stack">
      <caption class="visually-hidden">Users</caption>
      <thead><tr><th scope="col">User</th><th scope="col">Name</th><th scope="col">Status</th><th scope="col">Roles</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
      <tbody>
        {props.users.map((u) => (
          <tr data-testid={`user-${u.username}`}>
            <td>{props.deleted ? u.username : <a href={`/admin/users/${u.id}/`} onClick={(e) => followLink(e, `/admin/users/${u.id}/`)}>{u.username}</a>}<br /><span class="perms">{u.email}</span></td>
            <td>{[u.first_name, u.last_name].filter(Boolean).join(' ')}</td>
            <td data-label="Status"><StatusBadge user={u} /></td>
            <td data-label="Roles">{u.roles.map((r) => r.name).join(', ') || '—'}</td>
            <td>{props.deleted ? props.manage && <button type="button" class="secondary" onClick={() => props.actions.restore(u)} aria-label={`Restore ${u.username}`}>Restore</button> : null}
            {/* Not on oneself (a click away from locking oneself out) nor on a superuser (the API refuses). */}
            {!props.deleted && props.manage && !u.is_superuser && u.id !== props.selfId && (
              <div class="actions">
                <button type="button" class="secondary" onClick={() => props.actions.setActive(u, !u.is_active)} aria-label={`${u.is_active ? 'Deactivate' : 'Reactivate'} ${u.username}`}>{u.is_active ? 'Deactivate' : 'Reactivate'}</button>
                <button type="button" class="danger" onClick={() => props.actions.remove(u)} aria-label={`Delete ${u.username}`}>Delete</button>
              </div>
            )}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { Notice } from '../../layout'
import { followLink, navigate } from '../../router'
import { api, type Problem } from '../../session'
import { useCapabilities } from '../capabilities'
import { when } from '../controls'
import { attempt, Pager, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'
import { RoleChoices } from './role-choices'

const PAGE_SIZE = 25

/** The organization's developers (API clients): search, cursor pages, and a form to add one. */
export function DeveloperList() {
  const { can } = useCapabilities()
  const [query, setQuery] = useState('')
  const [search, setSearch] = useState('')
  const [cursor, setCursor] = useState<string | undefined>()
  const list = useLoad(() => attempt(() => api.GET('/api/v1/developers/', { params: { query: { search: search || undefined, cursor, limit: PAGE_SIZE } } })), [search, cursor])
  const manage = can('manage_developers')

  return (
    <section>
      <ScreenHeader title="Developers & API keys" />
      {!manage && <ReadOnlyNote permission="manage_developers" />}
      <form class="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); setCursor(undefined); setSearch(query.trim()) }}>
        <Field id="developer-search" label="Search developers" type="search" autocomplete="off" required={false} value={query} hint="Part of the name or email." onInput={setQuery} />
        <button type="submit">Search</button>
      </form>
      <ProblemNotice problem={list.problem} />
      {list.data && (
        <table>
          <caption class="visually-hidden">Developers</caption>
          <thead><tr><th scope="col">Developer</th><th scope="col">Contact</th><th scope="col">Roles</th><th scope="col">Created</th></tr></thead>
          <tbody>
            {list.data.results.map((d) => (
              <tr data-testid={`developer-${d.name}`}>
                <td>{manage ? <a href={`/admin/developers/${d.id}/`} onClick={(e) => followLink(e, `/admin/developers/${d.id}/`)}>{d.name}</a> : d.name}</td>
                <td>{d.email || '—'}</td>
                <td>{d.roles.map((r) => r.name).join(', ') || '—'}</td>
                <td>{when(d.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && !list.data.results.length && <p>No developers{search ? ` match “${search}”` : ' yet'}.</p>}
      <Pager previous={list.data?.previous} next={list.data?.next} onPage={setCursor} />
      {manage && <NewDeveloper />}
    </section>
  )
}

function NewDeveloper() {
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [roles, setRoles] = useState(new Set<string>())
  const [problem, setProblem] = useState<Problem | null>(null)

  async function create(event: Event) {
    event.preventDefault()
    const o = await attempt(() => api.POST('/api/v1/developers/', { body: { name: name.trim(), email: email.trim(), role_ids: [...roles] } }))
    if (o.problem) return setProblem(o.problem)
    navigate(`/admin/developers/${o.data.id}/`)
  }

  return (
    <form class="panel forms" onSubmit={create} noValidate aria-labelledby="new-developer-heading">
      <h2 id="new-developer-heading">New developer</h2>
      {problem && <Notice kind="error">{problem.message}</Notice>}
      <div class="grid-2">
        <Field id="developer-name" label="Name" type="text" autocomplete="off" value={name} errors={problem?.fields.name} hint="Unique here, e.g. shop-backend." onInput={setName} />
        <Field id="developer-email" label="Contact email" type="email" autocomplete="off" required={false} value={email} errors={problem?.fields.email} hint="Optional." onInput={setEmail} />
      </div>
      <RoleChoices chosen={roles} onChange={setRoles} />
      {problem?.fields.role_ids && <ul class="errors">{problem.fields.role_ids.map((m) => <li>{m}</li>)}</ul>}
      <button type="submit">Create developer</button>
    </form>
  )
}

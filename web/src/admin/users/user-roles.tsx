import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Notice } from '../../layout'
import { api, type Problem } from '../../session'
import { useCapabilities } from '../capabilities'
import { attempt, ProblemNotice, ReadOnlyNote, useLoad } from '../ui'

type User = Schemas['User']

/**
 * The user's roles as checkboxes, each with the permissions it brings; saving replaces the
 * set (PUT /users/{id}/roles/). The API refuses a grant of a permission the editor lacks.
 */
export function UserRoles(props: { user: User; onChange: () => void }) {
  const { can } = useCapabilities()
  const roles = useLoad(() => can('view_roles', 'manage_roles')
    ? attempt(() => api.GET('/api/v1/roles/', { params: { query: { limit: 200, ordering: 'name' } } }))
    : Promise.resolve({ data: null, problem: null } as const), [])
  const [chosen, setChosen] = useState(() => new Set(props.user.roles.map((r) => r.id)))
  const [problem, setProblem] = useState<Problem | null>(null)
  const [saved, setSaved] = useState(false)
  const editable = can('manage_user_roles') && !props.user.is_superuser

  function toggle(id: string, on: boolean) {
    const next = new Set(chosen)
    if (on) next.add(id)
    else next.delete(id)
    setChosen(next)
    setSaved(false)
  }

  async function save(event: Event) {
    event.preventDefault()
    const o = await attempt(() => api.PUT('/api/v1/users/{id}/roles/', { params: { path: { id: props.user.id } }, body: { role_ids: [...chosen] } }))
    setProblem(o.problem)
    setSaved(!o.problem)
    if (!o.problem) props.onChange()
  }

  const list = roles.data?.results
  return (
    <form class="panel" onSubmit={save} aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      {!editable && <ReadOnlyNote permission="manage_user_roles" />}
      <ProblemNotice problem={roles.problem ?? problem} />
      {saved && <Notice kind="success">Roles saved.</Notice>}
      {!list && <p>{props.user.roles.map((r) => r.name).join(', ') || 'No roles.'}</p>}
      {list && (
        <fieldset disabled={!editable}>
          <legend class="visually-hidden">Roles of {props.user.username}</legend>
          {list.map((r) => (
            <label class="check">
              <input type="checkbox" checked={chosen.has(r.id)} onChange={(e) => toggle(r.id, (e.currentTarget as HTMLInputElement).checked)} />
              <span><strong>{r.name}</strong>{r.description && ` — ${r.description}`}<br />
                <span class="perms">{r.permissions.length ? r.permissions.map((p) => p.codename).join(', ') : 'no permissions'}</span></span>
            </label>
          ))}
          {editable && <button type="submit">Save roles</button>}
        </fieldset>
      )}
    </form>
  )
}

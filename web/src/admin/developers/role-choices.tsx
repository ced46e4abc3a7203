import { api } from '../../session'
import { useCapabilities } from '../capabilities'
import { Checkbox } from '../controls'
import { attempt, useLoad } from '../ui'

/** The organization's roles as checkboxes (a developer holds their permissions); nothing without view_roles. */
export function RoleChoices(props: { chosen: Set<string>; onChange: (chosen: Set<string>) => void }) {
  const { can } = useCapabilities()
  const roles = useLoad(() => can('view_roles', 'manage_roles')
    ? attempt(() => api.GET('/api/v1/roles/', { params: { query: { limit: 200, ordering: 'name' } } }))
    : Promise.resolve({ data: null, problem: null } as const), [])
  const list = roles.data?.results
  if (!list) return null

  function toggle(id: string, on: boolean) {
    const next = new Set(props.chosen)
    if (on) next.add(id)
    else next.delete(id)
    props.onChange(next)
  }

  return (
    <fieldset class="field">
      <legend>Roles</legend>
      <p class="hint">The developer's keys hold these roles' permissions; you can only grant permissions you hold.</p>
      {list.map((r) => <Checkbox label={r.name} hint={r.permissions.map((p) => p.codename).join(', ') || 'no permissions'} checked={props.chosen.has(r.id)} onChange={(on) => toggle(r.id, on)} />)}
    </fieldset>
  )
}

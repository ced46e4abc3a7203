import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Notice } from '../../layout'
import { api, useSession } from '../../session'
import { useCapabilities } from '../capabilities'
import { attempt, everyPage, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad, type Outcome } from '../ui'
import { NewPermission, NewRole } from './create-forms'
import { useDeletions } from './deletions'
import { EditRole } from './edit-role'
import { PermissionGrid, type GridPermission } from './permission-grid'

type Role = Schemas['Role']

/**
 * Every permission of the organization: GET /permissions/ needs manage_permissions; without
 * it, the ones the roles carry (a permission in no role is then not shown).
 */
async function loadPermissions(canList: boolean, roles: Role[]): Promise<Outcome<GridPermission[]>> {
  if (canList) return everyPage((cursor) => attempt(() => api.GET('/api/v1/permissions/', { params: { query: { limit: 200, ordering: 'codename', cursor } } })))
  const seen = new Map(roles.flatMap((r) => r.permissions).map((p) => [p.id, p]))
  // Whether such a permission is built in is not known here: the grid then shows no badge.
  const derived = [...seen.values()].map((p) => ({ ...p, description: '', created_at: '', updated_at: '' }))
  return { data: derived.sort((a, b) => a.codename.localeCompare(b.codename)), problem: null }
}

async function loadAll(canListPermissions: boolean): Promise<Outcome<{ roles: Role[]; permissions: GridPermission[] }>> {
  const roles = await everyPage((cursor) => attempt(() => api.GET('/api/v1/roles/', { params: { query: { limit: 200, ordering: 'name', cursor } } })))
  if (roles.problem) return roles
  const permissions = await loadPermissions(canListPermissions, roles.data)
  if (permissions.problem) return permissions
  return { data: { roles: roles.data, permissions: permissions.data }, problem: null }
}

export function RolesAndPermissions() {
  const { can, superuser } = useCapabilities()
  const session = useSession()
  const myRoles = session.state === 'signed-in' && !superuser ? session.access.roles : []
  const all = useLoad(() => loadAll(can('manage_permissions')), [])
  const deletions = useDeletions(all.reload)
  const [editing, setEditing] = useState<Role | null>(null)
  const [saved, setSaved] = useState('')
  const edit = (r: Role) => { setSaved(''); setEditing(r) }
  const onSaved = (name: string) => { setEditing(null); setSaved(`Role ${name} is saved.`); all.reload() }
  return (
    <section>
      <ScreenHeader title="Roles & permissions" />
      {!can('manage_roles') && <ReadOnlyNote permission="manage_roles" />}
      <ProblemNotice problem={all.problem} />
      {deletions.notice}
      {saved && <Notice kind="success">{saved}</Notice>}
      {editing && <EditRole key={editing.id} role={editing} onSaved={onSaved} onCancel={() => setEditing(null)} />}
      {all.data && <PermissionGrid roles={all.data.roles} permissions={all.data.permissions} editable={can('manage_roles')} myRoles={myRoles} onChange={all.reload}
        onDeleteRole={can('manage_roles') ? deletions.deleteRole : undefined} onEditRole={can('manage_roles') ? edit : undefined} onDeletePermission={can('manage_permissions') ? deletions.deletePermission : undefined} />}
      <div class="grid-2 forms">
        {can('manage_roles') && <NewRole onCreated={all.reload} />}
        {can('manage_permissions') && <NewPermission onCreated={all.reload} />}
      </div>
    </section>
  )
}

import type { Schemas } from '@commercecore/client'
import { useEffect, useState } from 'preact/hooks'
import { api, type Problem } from '../../session'
import { attempt, ProblemNotice } from '../ui'

/** `is_builtin` is unknown for a permission learnt only from the roles that carry it. */
export type GridPermission = Omit<Schemas['Permission'], 'is_builtin'> & { is_builtin?: boolean }
type Role = Schemas['Role']

/**
 * Roles across, permissions down; a checkbox grants or withdraws one permission from one
 * role (PATCH /roles/{id}/ with the new permission_ids). Built-in permissions are marked:
 * they cannot be edited or deleted, but roles may carry them like any other.
 */
export function PermissionGrid(props: {
  roles: Role[]; permissions: GridPermission[]; editable: boolean; myRoles: string[]; onChange: () => void
  /** Present when the user may delete (manage_roles / manage_permissions). */
  onDeleteRole?: (r: Role) => void; onDeletePermission?: (p: GridPermission) => void
  /** Present with manage_roles: name and description of a role the user may edit. */
  onEditRole?: (r: Role) => void
}) {
  // Roles whose PATCH is in flight: their column waits, so two ticks never send overlapping sets.
  const [saving, setSaving] = useState<Set<string>>(new Set())
  // The API lets no one but a superuser edit a role they hold (they would grant themselves): shown locked.
  const locked = (r: Role) => !props.editable || props.myRoles.includes(r.name) || saving.has(r.id)
  const [problem, setProblem] = useState<Problem | null>(null)
  // Ticks not yet confirmed by a reload (shown at once; the reload after each save replaces them, or reverts a refused one).
  const [pending, setPending] = useState<Map<string, boolean>>(new Map())
  useEffect(() => setPending(new Map()), [props.roles])
  const holds = (r: Role, p: GridPermission) => pending.get(`${r.id}:${p.id}`) ?? r.permissions.some((x) => x.id === p.id)

  async function toggle(role: Role, permission: GridPermission, on: boolean) {
    const next = new Map(pending).set(`${role.id}:${permission.id}`, on)
    setPending(next)
    setSaving((s) => new Set(s).add(role.id))
    const o = await attempt(() => api.PATCH('/api/v1/roles/{id}/', { params: { path: { id: role.id } }, body: { permission_ids: permissionIdsOf(role, next) } }))
    setSaving((s) => { const left = new Set(s); left.delete(role.id); return left })
    setProblem(o.problem)
    props.onChange()
  }

  return (
    <>
      <ProblemNotice problem={problem} />
      <div class="matrix">
        <table aria-busy={saving.size > 0}>
          <caption class="visually-hidden">Permissions each role grants</caption>
          <thead>
            <tr><th scope="col">Permission</th>{props.roles.map((r) => (
              <th scope="col" class="role">{r.name}
                {props.editable && locked(r) && <span class="hint">your role: read only</span>}
                {!locked(r) && (props.onEditRole || props.onDeleteRole) && <span class="hint role-actions">
                  {props.onEditRole && <button type="button" class="link" aria-label={`Edit role ${r.name}`} onClick={() => props.onEditRole?.(r)}>edit</button>}
                  {props.onDeleteRole && <button type="button" class="link" aria-label={`Delete role ${r.name}`} onClick={() => props.onDeleteRole?.(r)}>delete</button>}
                </span>}
                {r.description && <span class="perms role-description">{r.description}</span>}
              </th>
            ))}</tr>
          </thead>
          <tbody>
            {props.permissions.map((p) => (
              <tr>
                <th scope="row" class="perm"><code>{p.codename}</code> {p.is_builtin === true && <span class="badge">built-in</span>}{p.is_builtin === false && <span class="badge ok">custom</span>}
                  {!p.is_builtin && props.onDeletePermission && <> <button type="button" class="link" aria-label={`Delete permission ${p.codename}`} onClick={() => props.onDeletePermission?.(p)}>delete</button></>}
                  <br /><span class="perms">{p.name}</span></th>
                {props.roles.map((r) => {
                  return (
                    <td>
                      <input type="checkbox" checked={holds(r, p)} disabled={locked(r)} aria-label={`${r.name}: ${p.codename}`}
                        onChange={(e) => toggle(r, p, (e.currentTarget as HTMLInputElement).checked)} />
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

/**
 * The role's own permissions (not the screen's list, which may not show them all) with the
 * unconfirmed ticks of this role applied: a tick adds or withdraws just its one permission.
 */
function permissionIdsOf(role: Role, ticks: Map<string, boolean>): string[] {
  const ids = new Set(role.permissions.map((p) => p.id))
  for (const [key, on] of ticks) {
    const [roleId, permissionId] = key.split(':')
    if (roleId !== role.id) continue
    if (on) ids.add(permissionId)
    else ids.delete(permissionId)
  }
  return [...ids]
}

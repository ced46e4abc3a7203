import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { api, type Problem } from '../../session'
import { attempt, ProblemNotice } from '../ui'

type Permission = Schemas['Permission']
type Role = Schemas['Role']

/**
 * Roles across, permissions down; a checkbox grants or withdraws one permission from one
 * role (PATCH /roles/{id}/ with the new permission_ids). Built-in permissions are marked:
 * they cannot be edited or deleted, but roles may carry them like any other.
 */
export function PermissionGrid(props: { roles: Role[]; permissions: Permission[]; editable: boolean; onChange: () => void }) {
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)

  async function toggle(role: Role, permission: Permission, on: boolean) {
    const ids = new Set(role.permissions.map((p) => p.id))
    if (on) ids.add(permission.id)
    else ids.delete(permission.id)
    setBusy(true)
    const o = await attempt(() => api.PATCH('/api/v1/roles/{id}/', { params: { path: { id: role.id } }, body: { permission_ids: [...ids] } }))
    setBusy(false)
    setProblem(o.problem)
    props.onChange()
  }

  return (
    <>
      <ProblemNotice problem={problem} />
      <div class="matrix">
        <table aria-busy={busy}>
          <caption class="visually-hidden">Permissions each role grants</caption>
          <thead>
            <tr><th scope="col">Permission</th>{props.roles.map((r) => <th scope="col" class="role">{r.name}</th>)}</tr>
          </thead>
          <tbody>
            {props.permissions.map((p) => (
              <tr>
                <th scope="row" class="perm"><code>{p.codename}</code> {p.is_builtin ? <span class="badge">built-in</span> : <span class="badge ok">custom</span>}<br /><span class="perms">{p.name}</span></th>
                {props.roles.map((r) => {
                  const held = r.permissions.some((x) => x.id === p.id)
                  return (
                    <td>
                      <input type="checkbox" checked={held} disabled={!props.editable || busy} aria-label={`${r.name}: ${p.codename}`}
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

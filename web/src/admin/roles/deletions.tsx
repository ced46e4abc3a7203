import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { Notice } from '../../layout'
import { api } from '../../session'
import { attempt, type Outcome } from '../ui'

type Role = Schemas['Role']
type Permission = Pick<Schemas['Permission'], 'id' | 'codename'>
interface Message { kind: 'success' | 'error'; text: string; undo?: () => void }

/** Soft deletes of roles and custom permissions, each with a Restore right after it (deleted ones leave the lists). */
export function useDeletions(changed: () => void) {
  const [message, setMessage] = useState<Message | null>(null)

  async function run(call: () => Promise<Outcome<unknown>>, done: string, undo?: () => void) {
    const o = await call()
    setMessage(o.problem ? { kind: 'error', text: o.problem.message } : { kind: 'success', text: done, undo })
    changed()
  }

  const restoreRole = (r: Role) => run(() => attempt(() => api.POST('/api/v1/roles/{id}/restore/', { params: { path: { id: r.id } } })), `Role ${r.name} is restored.`)
  const restorePermission = (p: Permission) => run(() => attempt(() => api.POST('/api/v1/permissions/{id}/restore/', { params: { path: { id: p.id } } })), `Permission ${p.codename} is restored.`)
  const deleteRole = (r: Role) => run(() => attempt(() => api.DELETE('/api/v1/roles/{id}/', { params: { path: { id: r.id } } })),
    `Role ${r.name} is deleted: its users lost what it granted.`, () => restoreRole(r))
  const deletePermission = (p: Permission) => run(() => attempt(() => api.DELETE('/api/v1/permissions/{id}/', { params: { path: { id: p.id } } })),
    `Permission ${p.codename} is deleted.`, () => restorePermission(p))

  const notice = message && (
    <Notice kind={message.kind}>{message.text}{message.undo && <> <button type="button" class="link" onClick={message.undo}>Restore</button></>}</Notice>
  )
  return { notice, deleteRole, deletePermission }
}

import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { api, type Problem } from '../../session'
import { attempt } from '../ui'

type User = Schemas['User']
interface Message { kind: 'success' | 'error'; text: string; undo?: () => void }

export const StatusBadge = (props: { user: User }) => props.user.is_active
  ? <span class="badge ok">active</span>
  : <span class="badge off">inactive</span>

/**
 * Deactivate / reactivate (PATCH is_active: deactivating signs the user out everywhere at
 * once), soft delete with a Restore right after it, and restore from the deleted users' list.
 */
export function useUserActions(changed: () => void) {
  const [message, setMessage] = useState<Message | null>(null)
  const fail = (p: Problem) => setMessage({ kind: 'error', text: p.message })

  async function setActive(user: User, active: boolean) {
    const o = await attempt(() => api.PATCH('/api/v1/users/{id}/', { params: { path: { id: user.id } }, body: { is_active: active } }))
    if (o.problem) return fail(o.problem)
    setMessage({ kind: 'success', text: active ? `${user.username} is active again and can sign in.` : `${user.username} is deactivated: signed out everywhere and cannot sign in.` })
    changed()
  }

  async function restore(user: User) {
    const o = await attempt(() => api.POST('/api/v1/users/{id}/restore/', { params: { path: { id: user.id } } }))
    if (o.problem) return fail(o.problem)
    setMessage({ kind: 'success', text: `${user.username} is restored.` })
    changed()
  }

  async function remove(user: User) {
    const o = await attempt(() => api.DELETE('/api/v1/users/{id}/', { params: { path: { id: user.id } } }))
    if (o.problem) return fail(o.problem)
    setMessage({ kind: 'success', text: `${user.username} is deleted and signed out everywhere.`, undo: () => restore(user) })
    changed()
  }

  return { message, setActive, remove, restore }
}

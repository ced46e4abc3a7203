import type { Schemas } from '@commercecore/client'
import { useState } from 'preact/hooks'
import { api } from '../../session'
import { attempt } from '../ui'

type Organization = Schemas['Organization']
export interface Message { kind: 'success' | 'error'; text: string; undo?: () => void }

/** Soft delete (every token of its people stops working) with a Restore right after it, and restore from the deleted list. */
export function useOrganizationActions(changed: () => void) {
  const [message, setMessage] = useState<Message | null>(null)

  async function restore(org: Organization) {
    const o = await attempt(() => api.POST('/api/v1/organizations/{id}/restore/', { params: { path: { id: org.id } } }))
    setMessage(o.problem ? { kind: 'error', text: o.problem.message } : { kind: 'success', text: `${org.name} is restored. Its people sign in again; old sessions and keys stay revoked.` })
    changed()
  }

  async function remove(org: Organization) {
    const o = await attempt(() => api.DELETE('/api/v1/organizations/{id}/', { params: { path: { id: org.id } } }))
    setMessage(o.problem ? { kind: 'error', text: o.problem.message } : { kind: 'success', text: `${org.name} is deleted: its users and developers are signed out.`, undo: () => restore(org) })
    changed()
  }

  return { message, remove, restore }
}

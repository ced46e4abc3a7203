import type { Schemas, User } from '@commercecore/client'
import { useEffect, useState } from 'preact/hooks'

type Access = Schemas['MyAccess']

/** Who is signed in, what they may do, and the organization the console acts in (X-Organization). */
export interface SignedIn { state: 'signed-in'; user: User; access: Access; organization: string }
/** Not signed in; `reason` says why when a session ended by itself (expired, revoked, deactivated). */
interface SignedOut { state: 'signed-out'; reason?: string }
export type SessionState = SignedIn | SignedOut

let current: SessionState = { state: 'signed-out' }
const listeners = new Set<(s: SessionState) => void>()

export const sessionState = (): SessionState => current

export function setSessionState(next: SessionState): void {
  current = next
  for (const listener of listeners) listener(next)
}

/** The session, re-rendering the component on every change. */
export function useSession(): SessionState {
  const [state, setState] = useState(current)
  useEffect(() => {
    listeners.add(setState)
    setState(current)
    return () => { listeners.delete(setState) }
  }, [])
  return state
}

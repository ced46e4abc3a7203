import { useEffect, useState } from 'preact/hooks'

/**
 * A client-side router for a console served at `base` (e.g. `/admin/`): the server answers
 * the same shell for every path below it, and this reads and changes the path in the
 * History API. Paths carry ids only, never a token.
 */
const listeners = new Set<() => void>()
window.addEventListener('popstate', () => listeners.forEach((l) => l()))

/** The path segments below `base` (`/admin/users/42` → `['users', '42']`). */
export function usePath(base: string): string[] {
  const [path, setPath] = useState(window.location.pathname)
  useEffect(() => {
    const update = () => setPath(window.location.pathname)
    listeners.add(update)
    return () => { listeners.delete(update) }
  }, [])
  return path.startsWith(base) ? path.slice(base.length).split('/').filter(Boolean) : []
}

export function navigate(to: string): void {
  if (to === window.location.pathname) return
  window.history.pushState(null, '', to)
  listeners.forEach((l) => l())
}

/** A click on an in-console link that the browser would handle as a plain navigation. */
export function followLink(event: MouseEvent, to: string): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  event.preventDefault()
  navigate(to)
}

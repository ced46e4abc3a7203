import { useEffect, useState } from 'preact/hooks'
import { api } from '../session'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const isUuid = (s: string) => UUID.test(s)

/** A user's id from a username or email typed in a filter (server-side search, then an exact match), or why not. */
export async function userIdOf(text: string, canViewUsers: boolean): Promise<{ id: string } | { error: string }> {
  const value = text.trim()
  if (isUuid(value)) return { id: value.toLowerCase() }
  if (!canViewUsers) return { error: 'Enter an id: finding users by name needs the view_users permission.' }
  const { data } = await api.GET('/api/v1/users/', { params: { query: { search: value, limit: 50 } } }).catch(() => ({ data: undefined }))
  const wanted = value.toLowerCase()
  const match = data?.results.find((u) => u.username.toLowerCase() === wanted || u.email.toLowerCase() === wanted)
  return match ? { id: match.id } : { error: `No user “${value}” in this organization (a username, an email or an id).` }
}

/** Usernames of the user ids shown (one GET each, remembered while the screen is open); unknown ones stay ids. */
export function useUsernames(ids: string[], enabled: boolean): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>())
  const key = [...new Set(ids)].sort().join(',')
  useEffect(() => {
    if (!enabled) return
    const missing = key.split(',').filter((id) => id && !names.has(id))
    if (!missing.length) return
    let live = true
    Promise.all(missing.map((id) => api.GET('/api/v1/users/{id}/', { params: { path: { id } } }).then(({ data }) => [id, data?.username ?? ''] as const, () => [id, ''] as const)))
      .then((found) => { if (live) setNames((old) => new Map([...old, ...found])) })
    return () => { live = false }
  }, [key, enabled])
  return names
}

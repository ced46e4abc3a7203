import { useEffect } from 'preact/hooks'
import { usePath } from '../router'

/** The account pages, each at /account/<path> (the profile at /account/). */
export const SECTIONS = [
  { path: '', title: 'Profile', nav: 'Profile' },
  { path: 'password', title: 'Change password', nav: 'Password' },
  { path: 'two-factor', title: 'Two-factor authentication', nav: 'Two-factor' },
  { path: 'sessions', title: 'Signed-in devices', nav: 'Devices' },
  { path: 'tokens', title: 'Personal access tokens', nav: 'Access tokens' },
] as const
export type Section = (typeof SECTIONS)[number]

const BASE = '/account/'

/** A section's address; the query (`?org=`) is kept, so the organization's theme follows. */
export const hrefOf = (section: Section) => `${BASE}${section.path}${window.location.search}`

/** The section in the address bar (the shared router moves between them without a reload: the tokens live in this page's memory). */
export function useSection(): Section {
  const [path = ''] = usePath(BASE)
  const section = SECTIONS.find((s) => s.path === path) ?? SECTIONS[0]
  // An unknown or slash-less address shows as the section it shows.
  useEffect(() => { if (hrefOf(section) !== window.location.pathname + window.location.search) window.history.replaceState(null, '', hrefOf(section)) }, [section])
  return section
}

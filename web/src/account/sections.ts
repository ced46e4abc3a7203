import { useEffect, useState } from 'preact/hooks'

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

function sectionAt(pathname: string): Section {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length).replace(/\/$/, '') : ''
  return SECTIONS.find((s) => s.path === path) ?? SECTIONS[0]
}

/** A section's address; the query (`?org=`) is kept, so the organization's theme follows. */
export const hrefOf = (section: Section) => `${BASE}${section.path}${window.location.search}`

/** The section in the address bar, and a way to move to another without reloading (the tokens live in this page's memory). */
export function useSection(): [Section, (section: Section) => void] {
  const [section, setSection] = useState(() => {
    const current = sectionAt(window.location.pathname)
    window.history.replaceState(null, '', hrefOf(current)) // an unknown or slash-less address shows as the section it shows
    return current
  })
  useEffect(() => {
    const onPop = () => setSection(sectionAt(window.location.pathname))
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const go = (next: Section) => {
    window.history.pushState(null, '', hrefOf(next))
    setSection(next)
  }
  return [section, go]
}

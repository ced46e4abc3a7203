import { useState } from 'preact/hooks'
import { navigate } from '../router'
import { api, switchOrganization, type SignedIn } from '../session'
import { ADMIN_BASE } from './screen'
import { attempt, useLoad } from './ui'

/**
 * The organization being administered. Superusers switch to any (every call then sends it
 * as X-Organization); everyone else sees their own, which is all the API lets them act in.
 */
export function OrganizationSwitcher(props: { session: SignedIn }) {
  const { access, organization } = props.session
  if (!access.is_superuser) return <p class="org-name" data-testid="organization">{access.organization.name}</p>
  return <SuperuserSwitcher current={organization} />
}

/** A search box over every organization (server-side search, the first 20 as suggestions) and a Switch button. */
function SuperuserSwitcher(props: { current: string }) {
  const [text, setText] = useState('')
  const [error, setError] = useState('')
  const current = useLoad(() => attempt(() => api.GET('/api/v1/auth/organization/')), [props.current])
  const matches = useLoad(() => attempt(() => api.GET('/api/v1/organizations/', { params: { query: { search: text.trim() || undefined, limit: 20, ordering: 'slug' } } })), [text])

  async function submit(event: Event) {
    event.preventDefault()
    const slug = text.trim()
    if (!slug) return
    // The public name endpoint says whether the slug (or id) exists, and gives its canonical slug.
    const found = await attempt(() => api.GET('/api/v1/auth/organization/', { params: { header: { 'X-Organization': slug } } }))
    if (found.problem) return setError(`No organization “${slug}”.`)
    setError('')
    setText('')
    switchOrganization(found.data.slug)
    // Back to the screen's list: an id in the path belongs to the previous organization.
    navigate(`${ADMIN_BASE}${window.location.pathname.slice(ADMIN_BASE.length).split('/')[0]}/`)
  }

  return (
    <form class="org-switcher" onSubmit={submit} role="search" aria-label="Switch organization">
      <span class="org-name" data-testid="organization">{current.data?.name ?? props.current}</span>
      <label for="org-search" class="visually-hidden">Switch to organization</label>
      <input id="org-search" type="search" list="org-options" placeholder="Switch to…" autocomplete="off" value={text}
        aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'org-search-error' : undefined}
        onInput={(e) => { setError(''); setText((e.currentTarget as HTMLInputElement).value) }} />
      <datalist id="org-options">{(matches.data?.results ?? []).map((o) => <option value={o.slug}>{o.name}</option>)}</datalist>
      <button type="submit" class="secondary">Switch</button>
      {error && <span id="org-search-error" class="errors" role="alert">{error}</span>}
    </form>
  )
}

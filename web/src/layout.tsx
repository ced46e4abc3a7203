import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api } from './api'

/** The organization's name for the heading, or null while unknown (no `org` in the link, or not found). */
export function useOrganizationName(org: string | null): string | null {
  const [name, setName] = useState<string | null>(null)
  useEffect(() => {
    if (!org) return
    // A malformed value makes fetch throw; like an unknown one (404), it just leaves the name out.
    api.GET('/api/v1/auth/organization/', { params: { header: { 'X-Organization': org } } }).then(({ data }) => setName(data?.name ?? null), () => setName(null))
  }, [org])
  return name
}

/** The frame of every hosted page: the organization's name above the page's heading. */
export function Layout(props: { organization: string | null; title: string; wide?: boolean; children: ComponentChildren }) {
  useEffect(() => { document.title = props.organization ? `${props.title} · ${props.organization}` : props.title }, [props.organization, props.title])
  return (
    <div class={props.wide ? 'card wide' : 'card'}>
      <header>
        <p class="org" data-testid="organization">{props.organization ?? 'Your account'}</p>
        <h1>{props.title}</h1>
      </header>
      {props.children}
    </div>
  )
}

/** A status line read out by screen readers when it appears. */
export function Notice(props: { kind: 'success' | 'error' | 'info'; children: ComponentChildren }) {
  return <p class={`notice ${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'} data-testid="notice">{props.children}</p>
}

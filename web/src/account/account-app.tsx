import type { CommerceCoreClient, User } from '@commercecore/client'
import { useEffect, useState } from 'preact/hooks'
import { Notice } from '../layout'
import type { Problem } from '../session'
import { MfaScreen } from './mfa'
import { PasswordScreen } from './password'
import { ProfileScreen } from './profile'
import { attempt } from './request'
import { followLink } from '../router'
import { hrefOf, SECTIONS, useSection, type Section } from './sections'
import { SessionsScreen } from './sessions'
import { TokensScreen } from './tokens'

export interface AccountProps { api: CommerceCoreClient; signOut: () => Promise<void>; signOutEverywhere: () => Promise<Problem | undefined> }

function Nav(props: { current: Section; user: User | null; signOut: () => Promise<void> }) {
  return (
    <nav aria-label="Account">
      {props.user && <p class="hint" data-testid="signed-in-as">Signed in as <strong>{props.user.username}</strong></p>}
      <ul>
        {SECTIONS.map((s) => (
          <li><a href={hrefOf(s)} aria-current={s === props.current ? 'page' : undefined} onClick={(e) => followLink(e, hrefOf(s))}>{s.nav}</a></li>
        ))}
      </ul>
      <button type="button" class="link" onClick={props.signOut}>Sign out</button>
    </nav>
  )
}

/** The signed-in part of /account/: the navigation and the current section's screen. */
export function AccountApp(props: AccountProps) {
  const { api } = props
  const section = useSection()
  const [user, setUser] = useState<User | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  async function reload() {
    const outcome = await attempt(() => api.GET('/api/v1/auth/me/'))
    if (outcome.ok) setUser(outcome.data)
    else setProblem(outcome.errors.non_field_errors?.join(' ') ?? 'Your account could not be loaded.')
  }
  useEffect(() => { reload() }, [api])
  useEffect(() => { document.getElementById('account-heading')?.focus() }, [section])

  return (
    <div class="account">
      <Nav current={section} user={user} signOut={props.signOut} />
      <section aria-labelledby="account-heading">
        <h2 id="account-heading" tabIndex={-1}>{section.title}</h2>
        {problem && <Notice kind="error">{problem}</Notice>}
        {user && section.path === '' && <ProfileScreen api={api} user={user} onSaved={setUser} />}
        {user && section.path === 'password' && <PasswordScreen api={api} />}
        {user && section.path === 'two-factor' && <MfaScreen api={api} user={user} onChanged={reload} />}
        {section.path === 'sessions' && <SessionsScreen api={api} onSignOut={props.signOut} signOutEverywhere={props.signOutEverywhere} />}
        {section.path === 'tokens' && <TokensScreen api={api} />}
      </section>
    </div>
  )
}

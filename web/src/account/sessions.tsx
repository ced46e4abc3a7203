import type { CommerceCoreClient, Schemas } from '@commercecore/client'
import { useEffect, useState } from 'preact/hooks'
import { Notice } from '../layout'
import type { Problem } from '../session'
import { attempt, when, type Errors } from './request'

type Session = Schemas['Session']

/** "Firefox on Linux" from a user agent, or the raw text when it is not a known shape. */
function deviceName(userAgent: string): string {
  const browser = /Edg\//.test(userAgent) ? 'Edge' : /Firefox\//.test(userAgent) ? 'Firefox' : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome' : /Safari\//.test(userAgent) ? 'Safari' : null
  const os = /Android/.test(userAgent) ? 'Android' : /iPhone|iPad/.test(userAgent) ? 'iOS' : /Windows/.test(userAgent) ? 'Windows' : /Mac OS X/.test(userAgent) ? 'macOS' : /Linux/.test(userAgent) ? 'Linux' : null
  if (browser && os) return `${browser} on ${os}`
  return userAgent || 'Unknown device'
}

/** The shopper's live sessions: end one, sign out here, or sign out everywhere. */
export function SessionsScreen(props: { api: CommerceCoreClient; onSignOut: () => Promise<void>; signOutEverywhere: () => Promise<Problem | undefined> }) {
  const { api } = props
  const [sessions, setSessions] = useState<Session[] | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [notice, setNotice] = useState<string | null>(null)

  async function load() {
    const outcome = await attempt(() => api.GET('/api/v1/auth/sessions/', { params: { query: { limit: 200 } } }))
    if (outcome.ok) setSessions(outcome.data.results)
    else setErrors(outcome.errors)
  }
  useEffect(() => { load() }, [api])

  async function end(session: Session) {
    if (session.current) return props.onSignOut()
    const outcome = await attempt(() => api.DELETE('/api/v1/auth/sessions/{id}/', { params: { path: { id: session.id } } }))
    if (!outcome.ok) return setErrors(outcome.errors)
    await load()
    setNotice(`${deviceName(session.user_agent)} was signed out.`)
  }

  async function everywhere() {
    const problem = await props.signOutEverywhere() // signed out: this screen is gone
    if (problem) setErrors({ non_field_errors: [problem.message] })
  }

  if (!sessions) return errors.non_field_errors ? <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice> : <Notice kind="info">Loading your sessions…</Notice>
  return (
    <div>
      {notice && <Notice kind="success">{notice}</Notice>}
      {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
      <p>These devices are signed in to your account. Sign out any you do not recognise, then change your password.</p>
      <ul class="rows" data-testid="sessions">
        {sessions.map((s) => (
          <li class="row" data-testid="session">
            <div>
              <strong>{deviceName(s.user_agent)}</strong>{s.current && <span class="badge">This device</span>}
              <p class="hint">{s.ip} · signed in {when(s.created_at)} · last active {when(s.last_used_at)}</p>
            </div>
            <button type="button" class="secondary" onClick={() => end(s)}>{s.current ? 'Sign out this device' : 'Sign out'}</button>
          </li>
        ))}
      </ul>
      <button type="button" class="danger" onClick={everywhere}>Sign out everywhere</button>
    </div>
  )
}

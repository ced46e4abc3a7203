import { useEffect } from 'preact/hooks'
import { Notice } from '../layout'
import { followLink, navigate } from '../router'
import { signOut, type SignedIn } from '../session'
import { capabilitiesOf } from './capabilities'
import { OrganizationSwitcher } from './org-switcher'
import { ADMIN_BASE as BASE, type Screen } from './screen'
import * as registry from './screens'

const SCREENS: Screen[] = Object.values(registry).sort((a, b) => a.order - b.order)

/** The signed-in console: header (organization, who, sign out), navigation of the screens this user may use, the screen. */
export function Shell(props: { session: SignedIn; path: string[] }) {
  const { session } = props
  const can = capabilitiesOf(session.access)
  const screens = SCREENS.filter((s) => s.visible(can))
  const [first, ...rest] = props.path
  const screen = screens.find((s) => s.path === first)
  const fallback = screen || !screens.length ? null : `${BASE}${screens[0].path}/`
  useEffect(() => { if (fallback) navigate(fallback) }, [fallback])
  return (
    <div class="console">
      <a class="skip" href="#screen">Skip to content</a>
      <header class="topbar">
        <span class="brand">CommerceCore Admin</span>
        <OrganizationSwitcher session={session} />
        <span class="who" data-testid="signed-in-as">{session.user.username}{session.access.is_superuser ? ' (superuser)' : ''}</span>
        <button type="button" class="secondary" onClick={() => signOut()}>Sign out</button>
      </header>
      <nav class="sidebar" aria-label="Console">
        <ul>
          {screens.map((s) => (
            <li><a href={`${BASE}${s.path}/`} aria-current={s === screen ? 'page' : undefined} onClick={(e) => followLink(e, `${BASE}${s.path}/`)}>{s.title}</a></li>
          ))}
        </ul>
      </nav>
      <div id="screen" class="screen" tabIndex={-1}>
        {/* Keyed by organization: switching remounts the screen, so nothing of the previous one is shown. */}
        {screen ? <screen.View key={session.organization} rest={rest} /> : !screens.length && (
          <Notice kind="info">You are signed in, but your account has no administrative permissions in this organization. Ask an administrator for a role, or sign out.</Notice>
        )}
      </div>
    </div>
  )
}

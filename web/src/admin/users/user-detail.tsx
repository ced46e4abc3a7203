import type { Schemas } from '@commercecore/client'
import { followLink, navigate } from '../../router'
import { api, useSession } from '../../session'
import { useCapabilities } from '../capabilities'
import { attempt, ProblemNotice, ReadOnlyNote, ScreenHeader, useLoad } from '../ui'
import { StatusBadge, useUserActions } from './user-actions'
import { UserForm, type UserFields } from './user-form'
import { UserRoles } from './user-roles'
import { Notice } from '../../layout'

type User = Schemas['User']
const LIST = '/admin/users/'
const Back = () => <a class="back" href={LIST} onClick={(e) => followLink(e, LIST)}>← All users</a>

const optional = (f: UserFields) => ({ first_name: f.first_name, last_name: f.last_name, phone_number: f.phone_number })

export function UserCreate() {
  async function create(f: UserFields) {
    const o = await attempt(() => api.POST('/api/v1/users/', { body: { username: f.username, email: f.email, ...optional(f), ...(f.password ? { password: f.password } : {}) } }))
    if (o.problem) return o.problem
    navigate(`/admin/users/${o.data.id}/`)
    return null
  }
  return (
    <section class="detail">
      <Back />
      <ScreenHeader title="New user" />
      <div class="panel"><UserForm readOnly={false} submitLabel="Create user" onSubmit={create} /></div>
    </section>
  )
}

export function UserDetail(props: { id: string }) {
  const { can } = useCapabilities()
  const user = useLoad(() => attempt(() => api.GET('/api/v1/users/{id}/', { params: { path: { id: props.id } } })), [props.id])
  const actions = useUserActions(user.reload)
  const u = user.data
  const manage = can('manage_users') && !u?.is_superuser
  const session = useSession()
  // As in the list: not on oneself (a click away from locking oneself out).
  const self = session.state === 'signed-in' && session.user.id === u?.id

  async function save(f: UserFields) {
    const o = await attempt(() => api.PATCH('/api/v1/users/{id}/', { params: { path: { id: props.id } }, body: { username: f.username, email: f.email, ...optional(f) } }))
    return o.problem
  }

  return (
    <section class="detail">
      <Back />
      <ScreenHeader title={u ? `User ${u.username}` : 'User'}>
        {u && manage && !self && <button type="button" class="secondary" onClick={() => actions.setActive(u, !u.is_active)}>{u.is_active ? 'Deactivate' : 'Reactivate'}</button>}
      </ScreenHeader>
      <ProblemNotice problem={user.problem} />
      {actions.message && <Notice kind={actions.message.kind}>{actions.message.text}</Notice>}
      {u && <UserSummary user={u} />}
      {u && !manage && <ReadOnlyNote permission="manage_users" />}
      {/* Keyed by updated_at: a reload (e.g. after reactivating) starts the form from the server's values. */}
      {u && <div class="panel"><h2>Profile</h2><UserForm key={u.updated_at} user={u} readOnly={!manage} submitLabel="Save changes" onSubmit={save} /></div>}
      {u && <UserRoles user={u} onChange={user.reload} />}
    </section>
  )
}

function UserSummary(props: { user: User }) {
  const u = props.user
  return (
    <p class="perms" data-testid="user-summary">
      <StatusBadge user={u} /> {u.is_superuser && <span class="badge">superuser</span>} {u.mfa_enabled && <span class="badge">MFA</span>}{' '}
      Joined {new Date(u.date_joined).toLocaleDateString()}; last sign-in {u.last_login ? new Date(u.last_login).toLocaleString() : 'never'}; email {u.email_verified ? 'verified' : 'not verified'}.
    </p>
  )
}

import { useState } from 'preact/hooks'
import { Field } from '../../field'
import { useCapabilities } from '../capabilities'
import { userIdOf } from '../people'

/** The query the audit list is read with (the API's filters). */
export interface AuditFilter { action?: string; actor?: string; target?: string; target_type?: string; created_after?: string; created_before?: string }

/** Actions the service writes; offered as suggestions, any exact action may be typed. */
const ACTIONS = [
  'login', 'login.failed', 'logout', 'logout.all', 'session.ended', 'refresh.reuse_detected', 'password.changed', 'password.reset', 'password.reset_requested',
  'mfa.enabled', 'mfa.disabled', 'mfa.recovery_code_used', 'email.verified', 'user.registered', 'user.created', 'user.updated', 'user.deleted', 'user.restored',
  'user.roles_set', 'user_role.created', 'user_role.deleted', 'users.imported', 'role.created', 'role.updated', 'role.deleted', 'role.restored',
  'permission.created', 'permission.updated', 'permission.deleted', 'permission.restored', 'developer.created', 'developer.updated', 'developer.deleted',
  'developer.restored', 'api_key.created', 'api_key.revoked', 'organization.created', 'organization.updated', 'organization.deleted', 'organization.restored',
  'product.created', 'product.updated', 'product.deleted', 'order.created', 'order.status_changed', 'order.deleted',
]

const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined)

/** Filters by action, actor, target (a username, an email or an id) and time; Apply turns them into the API's query. */
export function AuditFilters(props: { onApply: (filter: AuditFilter) => void }) {
  const { can } = useCapabilities()
  const [f, setF] = useState({ action: '', actor: '', target: '', from: '', to: '' })
  const [errors, setErrors] = useState<{ actor?: string; target?: string }>({})
  const set = (name: keyof typeof f) => (value: string) => setF({ ...f, [name]: value })

  async function apply(event: Event) {
    event.preventDefault()
    const [actor, target] = await Promise.all([f.actor, f.target].map((v) => (v.trim() ? userIdOf(v, can('view_users')) : Promise.resolve(undefined))))
    const next = { actor: actor && 'error' in actor ? actor.error : undefined, target: target && 'error' in target ? target.error : undefined }
    setErrors(next)
    if (next.actor || next.target) return
    props.onApply({
      action: f.action.trim() || undefined,
      actor: actor && 'id' in actor ? actor.id : undefined,
      target: target && 'id' in target ? target.id : undefined,
      created_after: isoOf(f.from), created_before: isoOf(f.to),
    })
  }

  return (
    <form class="panel filters" role="search" aria-label="Filter the audit log" onSubmit={apply} noValidate>
      <div class="field">
        <label for="audit-action">Action</label>
        <input id="audit-action" list="audit-actions" autocomplete="off" value={f.action} onInput={(e) => set('action')((e.currentTarget as HTMLInputElement).value)} />
        <datalist id="audit-actions">{ACTIONS.map((a) => <option value={a} />)}</datalist>
      </div>
      <Field id="audit-actor" label="Actor" type="text" autocomplete="off" required={false} value={f.actor} errors={errors.actor ? [errors.actor] : undefined} onInput={set('actor')} />
      <Field id="audit-target" label="Target" type="text" autocomplete="off" required={false} value={f.target} errors={errors.target ? [errors.target] : undefined} onInput={set('target')} />
      <Field id="audit-from" label="From" type="datetime-local" autocomplete="off" required={false} value={f.from} onInput={set('from')} />
      <Field id="audit-to" label="Until" type="datetime-local" autocomplete="off" required={false} value={f.to} onInput={set('to')} />
      <div class="actions"><button type="submit">Apply filters</button></div>
      <p class="hint">Actor and target: a username, an email or an id. Times are yours ({Intl.DateTimeFormat().resolvedOptions().timeZone}).</p>
    </form>
  )
}

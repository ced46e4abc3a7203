import type { CommerceCoreClient, Schemas } from '@commercecore/client'
import { useEffect, useState } from 'preact/hooks'
import { Field } from '../field'
import { Notice } from '../layout'
import { CopyButton } from '../copy-button'
import { attempt, when, type Errors } from './request'

type ApiKey = Schemas['ApiKey']

/** The new token, shown once: only its hash is stored. */
function NewToken(props: { name: string; secret: string }) {
  return (
    <div class="notice success" role="status">
      <p>Your new token <strong>{props.name}</strong> — copy it now, it will not be shown again:</p>
      <p class="secret"><code data-testid="new-token">{props.secret}</code> <CopyButton text={props.secret} label="Copy the token" /></p>
    </div>
  )
}

/** Personal access tokens: create (shown once), list, revoke. */
export function TokensScreen(props: { api: CommerceCoreClient }) {
  const { api } = props
  const [tokens, setTokens] = useState<ApiKey[] | null>(null)
  const [form, setForm] = useState({ name: '', expires: '' })
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null)
  const [errors, setErrors] = useState<Errors>({})
  const [notice, setNotice] = useState<string | null>(null)

  async function load() {
    const outcome = await attempt(() => api.GET('/api/v1/auth/tokens/', { params: { query: { limit: 200 } } }))
    if (outcome.ok) setTokens(outcome.data.results)
    else setErrors(outcome.errors)
  }
  useEffect(() => { load() }, [api])

  async function create(event: Event) {
    event.preventDefault()
    setNotice(null)
    // The end of the chosen day in the shopper's time zone.
    const expires_at = form.expires ? new Date(`${form.expires}T23:59:59`).toISOString() : null
    const outcome = await attempt(() => api.POST('/api/v1/auth/tokens/', { body: { name: form.name.trim(), expires_at } }))
    if (!outcome.ok) return setErrors(outcome.errors)
    setErrors({})
    setCreated({ name: outcome.data.name, secret: outcome.data.key })
    setForm({ name: '', expires: '' })
    await load()
  }

  async function revoke(token: ApiKey) {
    const outcome = await attempt(() => api.DELETE('/api/v1/auth/tokens/{id}/', { params: { path: { id: token.id } } }))
    if (!outcome.ok) return setErrors(outcome.errors)
    await load()
    setCreated(null)
    setNotice(`The token ${token.name} was revoked: it no longer works.`)
  }

  return (
    <div>
      {created && <NewToken {...created} />}
      {notice && <Notice kind="success">{notice}</Notice>}
      {errors.non_field_errors && <Notice kind="error">{errors.non_field_errors.join(' ')}</Notice>}
      <p>A personal access token lets a script or app act as you through the API. Treat it like a password.</p>
      <form onSubmit={create} noValidate aria-label="Create a token" class="inline-form">
        <Field id="name" label="Token name" type="text" autocomplete="off" value={form.name} errors={errors.name} hint="What it is for, like “order export”." onInput={(name) => setForm({ ...form, name })} />
        <Field id="expires" label="Expires on (optional)" type="date" autocomplete="off" required={false} value={form.expires} errors={errors.expires_at} onInput={(expires) => setForm({ ...form, expires })} />
        <button type="submit">Create token</button>
      </form>
      <h3>Your tokens</h3>
      <TokenList tokens={tokens} onRevoke={revoke} />
    </div>
  )
}

function TokenList({ tokens, onRevoke }: { tokens: ApiKey[] | null; onRevoke: (token: ApiKey) => void }) {
  if (!tokens) return <Notice kind="info">Loading your tokens…</Notice>
  if (tokens.length === 0) return <p class="hint">You have no tokens.</p>
  return (
    <ul class="rows" data-testid="tokens">
      {tokens.map((t) => (
        <li class="row" data-testid="token">
          <div>
            <strong>{t.name}</strong> <code>{t.prefix}…</code>
            <p class="hint">created {when(t.created_at)} · last used {when(t.last_used_at)} · {t.expires_at ? `expires ${when(t.expires_at)}` : 'never expires'}</p>
          </div>
          <button type="button" class="secondary" aria-label={`Revoke ${t.name}`} onClick={() => onRevoke(t)}>Revoke</button>
        </li>
      ))}
    </ul>
  )
}

import type { Schemas } from '@commercecore/client'
import { Field, FieldErrors } from '../../field'
import type { Problem } from '../../session'
import { Checkbox, TextArea } from '../controls'

type OAuthClient = Schemas['OAuthClient']
type GrantType = Schemas['CreateOAuthClient']['grant_types'] extends (infer G)[] | undefined ? G : never
type AuthMethod = OAuthClient['token_endpoint_auth_method']

const GRANTS: { value: GrantType; label: string; hint: string }[] = [
  { value: 'authorization_code', label: 'Authorization code', hint: 'Users sign in through the hosted pages (PKCE); needs a redirect URI.' },
  { value: 'refresh_token', label: 'Refresh token', hint: 'Keeps a user signed in; needs the authorization code grant.' },
  { value: 'client_credentials', label: 'Client credentials', hint: 'A server acting as its developer, no user; confidential clients only.' },
]

/** Client credentials are for confidential clients only: a public client is never offered them. */
const grantFits = (type: OAuthClient['type'], grant: GrantType) => type === 'confidential' || grant !== 'client_credentials'

/** What the form edits: URIs as text (one per line), grants and scopes as sets. */
export interface ClientDraft {
  name: string
  type: OAuthClient['type']
  token_endpoint_auth_method: AuthMethod
  redirect_uris: string
  post_logout_redirect_uris: string
  grant_types: Set<GrantType>
  scopes: Set<string>
  first_party: boolean
}

export const NEW_CLIENT: ClientDraft = {
  name: '', type: 'confidential', token_endpoint_auth_method: 'client_secret_basic', redirect_uris: '', post_logout_redirect_uris: '',
  grant_types: new Set(['authorization_code', 'refresh_token']), scopes: new Set(['openid', 'profile', 'email']), first_party: false,
}

export const draftOf = (c: OAuthClient): ClientDraft => ({
  name: c.name, type: c.type, token_endpoint_auth_method: c.token_endpoint_auth_method,
  redirect_uris: c.redirect_uris.join('\n'), post_logout_redirect_uris: c.post_logout_redirect_uris.join('\n'),
  grant_types: new Set(c.grant_types as GrantType[]), scopes: new Set(c.scopes), first_party: c.first_party,
})

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean)

/** The body of a create or a PATCH (every setting but the type, which only a create sends). */
export const settingsOf = (d: ClientDraft) => ({
  name: d.name.trim(),
  token_endpoint_auth_method: d.type === 'public' ? 'none' as const : d.token_endpoint_auth_method,
  redirect_uris: lines(d.redirect_uris),
  post_logout_redirect_uris: lines(d.post_logout_redirect_uris),
  grant_types: [...d.grant_types].filter((g) => grantFits(d.type, g)),
  scopes: [...d.scopes],
  first_party: d.first_party,
})

/** A PATCH's body: only the settings that differ from the client's (an unchanged scope or first party is not given again, which only the right people may). */
export const changesOf = (client: OAuthClient, d: ClientDraft) => {
  const was = settingsOf(draftOf(client))
  const now = settingsOf(d)
  const same = (a: unknown, b: unknown) => JSON.stringify(Array.isArray(a) ? [...a].sort() : a) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b)
  return Object.fromEntries(Object.entries(now).filter(([k, v]) => !same(v, was[k as keyof typeof was]))) as Partial<typeof now>
}

/** A field's errors, with those of its items (`redirect_uris.0`). */
const errorsOf = (problem: Problem | null, field: string) =>
  Object.entries(problem?.fields ?? {}).filter(([k]) => k === field || k.startsWith(`${field}.`)).flatMap(([, m]) => m)

const toggled = <T,>(set: Set<T>, value: T, on: boolean) => {
  const next = new Set(set)
  if (on) next.add(value)
  else next.delete(value)
  return next
}

/** The settings of a client, for a create (`creating`: the type can be chosen) or an edit. */
export function ClientFields(props: { draft: ClientDraft; set: <K extends keyof ClientDraft>(k: K) => (v: ClientDraft[K]) => void; problem: Problem | null; creating: boolean; scopeChoices: string[]; mayMarkFirstParty: boolean }) {
  const { draft: d, set, problem } = props
  const choices = [...new Set([...props.scopeChoices, ...d.scopes])]
  return (
    <>
      <div class="grid-2">
        <Field id="client-name" label="Client name" type="text" autocomplete="off" value={d.name} errors={errorsOf(problem, 'name')} hint="Shown to users on the consent page." onInput={set('name')} />
        <div class="field">
          <label for="client-type">Type</label>
          <select id="client-type" value={d.type} disabled={!props.creating} onChange={(e) => set('type')((e.currentTarget as HTMLSelectElement).value as ClientDraft['type'])}>
            <option value="confidential">Confidential (a server: has a secret)</option>
            <option value="public">Public (browser or mobile app: PKCE, no secret)</option>
          </select>
          {!props.creating && <p class="hint">Fixed once created.</p>}
        </div>
      </div>
      {d.type === 'confidential' && (
        <div class="field">
          <label for="client-auth-method">Token endpoint authentication</label>
          <select id="client-auth-method" value={d.token_endpoint_auth_method} onChange={(e) => set('token_endpoint_auth_method')((e.currentTarget as HTMLSelectElement).value as AuthMethod)}>
            <option value="client_secret_basic">client_secret_basic (HTTP Basic)</option>
            <option value="client_secret_post">client_secret_post (in the form body)</option>
          </select>
          <FieldErrors id="client-auth-method-errors" errors={errorsOf(problem, 'token_endpoint_auth_method')} />
        </div>
      )}
      <TextArea id="client-redirect-uris" label="Redirect URIs" value={d.redirect_uris} monospace errors={errorsOf(problem, 'redirect_uris')}
        hint="One per line, matched exactly. https (http only for localhost, 127.0.0.1 or [::1]); a public app may use a custom scheme such as com.shop.app:/callback." onInput={set('redirect_uris')} />
      <TextArea id="client-logout-uris" label="Post-logout redirect URIs" value={d.post_logout_redirect_uris} rows={2} monospace errors={errorsOf(problem, 'post_logout_redirect_uris')}
        hint="Optional, one per line." onInput={set('post_logout_redirect_uris')} />
      <fieldset class="field">
        <legend>Grant types</legend>
        {GRANTS.filter((g) => grantFits(d.type, g.value)).map((g) => <Checkbox label={g.label} hint={g.hint} checked={d.grant_types.has(g.value)} onChange={(on) => set('grant_types')(toggled(d.grant_types, g.value, on))} />)}
        <FieldErrors id="client-grant-errors" errors={errorsOf(problem, 'grant_types')} />
      </fieldset>
      <fieldset class="field scope-choices">
        <legend>Scopes</legend>
        <p class="hint">OpenID Connect scopes, and permission codenames the client's tokens may carry (never beyond what the user or developer holds).</p>
        {choices.map((s) => <Checkbox label={s} checked={d.scopes.has(s)} onChange={(on) => set('scopes')(toggled(d.scopes, s, on))} />)}
        <FieldErrors id="client-scope-errors" errors={errorsOf(problem, 'scopes')} />
      </fieldset>
      <Checkbox label="First party" hint={`The organization's own app: its users are not asked for consent. A native app (a public client redirecting to a custom scheme or a loopback address) and a request with prompt=consent still always ask.${props.mayMarkFirstParty ? '' : ' Only an administrator of the organization changes this.'}`}
        checked={d.first_party} disabled={!props.mayMarkFirstParty} onChange={set('first_party')} />
    </>
  )
}

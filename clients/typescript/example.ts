import { createCommerceCoreClient } from '@commercecore/client'

let access: string | undefined
const api = createCommerceCoreClient({ baseUrl: 'http://127.0.0.1:8000', organization: 'default', token: () => access })
const account = { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple 7' }
await api.POST('/api/v1/auth/register/', { body: account })
const { data: login } = await api.POST('/api/v1/auth/login/', { body: { username: account.username, password: account.password } })
if (!login || !('access' in login)) throw new Error('no tokens (wrong password, or MFA: see /api/v1/auth/mfa/verify/)')
const { data: pair } = await api.POST('/api/v1/auth/token/refresh/', { body: { refresh: login.refresh } })
access = pair?.access
const { data: me, error } = await api.GET('/api/v1/auth/me/')
console.log(me?.username ?? error)

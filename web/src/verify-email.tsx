import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { api, EXPIRED_LINK, fieldErrors, NETWORK_ERROR, takeLinkParams } from './api'
import { Layout, Notice, useOrganizationName } from './layout'
import './pages.css'

const link = takeLinkParams()

type Outcome = { state: 'working' } | { state: 'done' } | { state: 'failed'; message: string }

/** Verifies on load: opening the link in a browser is the confirmation (a mail scanner that runs no script does not consume it). */
async function verify(): Promise<Outcome> {
  if (!link.token) return { state: 'failed', message: EXPIRED_LINK }
  try {
    const { response, error } = await api.POST('/api/v1/auth/email/verify/', { body: { token: link.token } })
    if (response.ok) return { state: 'done' }
    const errors = fieldErrors(error)
    return { state: 'failed', message: errors.token ? EXPIRED_LINK : Object.values(errors).flat().join(' ') || 'Something went wrong. Try again later.' }
  } catch {
    return { state: 'failed', message: NETWORK_ERROR }
  }
}

function VerifyEmail() {
  const organization = useOrganizationName(link.org)
  const [outcome, setOutcome] = useState<Outcome>({ state: 'working' })
  useEffect(() => { verify().then(setOutcome) }, [])
  return (
    <Layout organization={organization} title="Confirm your email address">
      {outcome.state === 'working' && <Notice kind="info">Confirming your email address…</Notice>}
      {outcome.state === 'done' && <Notice kind="success">Your email address is confirmed. You can close this page.</Notice>}
      {outcome.state === 'failed' && <Notice kind="error">{outcome.message}</Notice>}
    </Layout>
  )
}

render(<VerifyEmail />, document.getElementById('app') as HTMLElement)

import type { Email } from './mailer'

/**
 * Text + HTML bodies of every mail the service sends. Links are `PUBLIC_URL` + path with
 * the single-use token as `token=<value>` and the organization's slug as `org=<slug>` (the
 * token alone decides the account; `org` only lets a page show the organization's name).
 * Everything interpolated into HTML is escaped.
 */
export interface Recipient { email: string; username: string; first_name?: string }

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

function compose(to: Recipient, subject: string, paragraphs: string[], link?: { url: string; label: string }): Email {
  const name = to.first_name || to.username
  const text = [`Hello ${name},`, '', ...paragraphs.flatMap((p) => [p, '']), ...(link ? [`${link.label}: ${link.url}`, ''] : []), '— CommerceCore'].join('\n')
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>Hello ${esc(name)},</p>`,
    ...paragraphs.map((p) => `<p>${esc(p)}</p>`),
    ...(link ? [`<p><a href="${esc(link.url)}">${esc(link.label)}</a></p>`, `<p style="font-size: small">Or paste this address into your browser: ${esc(link.url)}</p>`] : []),
    '<p>— CommerceCore</p></body></html>',
  ].join('\n')
  return { to: to.email, subject, text, html }
}

export const linkWithToken = (publicUrl: string, path: string, token: string, organizationSlug: string) =>
  `${publicUrl}${path}?token=${encodeURIComponent(token)}&org=${encodeURIComponent(organizationSlug)}`

export const passwordResetEmail = (to: Recipient, url: string, minutes: number) => compose(to, 'Reset your password', [
  'Someone (hopefully you) asked to reset the password of your account.',
  `The link below works once, for ${minutes} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
], { url, label: 'Choose a new password' })

export const verifyEmailEmail = (to: Recipient, url: string, hours: number) => compose(to, 'Confirm your email address', [
  'Please confirm that this is your email address.',
  `The link below works once, for ${hours} hours.`,
], { url, label: 'Confirm my email address' })

export const passwordChangedEmail = (to: Recipient, how: 'changed' | 'reset') => compose(to, `Your password was ${how}`, [
  how === 'reset'
    ? 'The password of your account was reset just now: every session was signed out and every personal access token revoked. Create new tokens where you need them.'
    : 'The password of your account was changed just now, and your other sessions were signed out.',
  'If this was not you, reset your password at once and contact your administrator.',
])

export const mfaChangedEmail = (to: Recipient, change: 'enabled' | 'disabled' | 'recovery_code_used') => compose(to, {
  enabled: 'Two-factor authentication is on',
  disabled: 'Two-factor authentication was turned off',
  recovery_code_used: 'A recovery code was used to sign in',
}[change], [
  {
    enabled: 'Two-factor authentication (an authenticator app) was turned on for your account. Keep your recovery codes somewhere safe.',
    disabled: 'Two-factor authentication was turned off for your account.',
    recovery_code_used: 'One of your two-factor recovery codes was just used to sign in. Each code works once.',
  }[change],
  'If this was not you, reset your password at once and contact your administrator.',
])

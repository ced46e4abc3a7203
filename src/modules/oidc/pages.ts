import type { Configuration, KoaContextWithOIDC } from 'oidc-provider'

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

type Pages = Pick<Configuration, 'renderError'> & {
  logoutSource: (ctx: KoaContextWithOIDC, form: string) => Promise<void>
  postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => Promise<void>
}

/**
 * The few pages the provider itself renders (an error it cannot send back to the client,
 * the sign-out question, signed out), in the hosted pages' look (the sign-in page's card and
 * stylesheet) and under their policy: no script, no inline style. Everything is escaped; the
 * logout form is the provider's own (with its anti-forgery field).
 */
export function providerPages(stylesheet: string | undefined): Pages {
  const page = (ctx: KoaContextWithOIDC, title: string, body: string) => {
    ctx.type = 'html'
    ctx.body = [
      '<!doctype html><html lang="en"><head><meta charset="utf-8">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${esc(title)}</title><link rel="icon" href="data:,">`,
      stylesheet ? `<link rel="stylesheet" href="/assets/${esc(stylesheet)}">` : '',
      `</head><body><main id="app"><div class="card"><header><h1>${esc(title)}</h1></header>${body}</div></main></body></html>`,
    ].join('\n')
  }
  return {
    async renderError(ctx, out) {
      const description = out.error_description ? `<p>${esc(String(out.error_description))}</p>` : ''
      page(ctx, 'Sign-in could not continue', `<p class="notice error" role="alert"><code>${esc(String(out.error))}</code></p>${description}<p>Go back to the application and try again.</p>`)
    },
    // "No" still signs the user out of the client that asked (the provider ends its grant); "Yes" also ends the provider's session.
    async logoutSource(ctx, form) {
      const client = ctx.oidc.client?.clientName
      const question = client
        ? `<p>You are signing out of <strong>${esc(client)}</strong>.</p><p>Also sign out of your account on this device? Other applications you signed in to with it will ask you to sign in again.</p>`
        : '<p>Sign out of your account on this device?</p>'
      page(ctx, 'Sign out', `${form}${question}<div class="actions">`
        + '<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>'
        + '<button type="submit" form="op.logoutForm" class="secondary">No, stay signed in</button></div>')
    },
    async postLogoutSuccessSource(ctx) {
      const client = ctx.oidc.client?.clientName
      page(ctx, 'Signed out', client
        ? `<p>You are signed out of <strong>${esc(client)}</strong>, and still signed in to your account on this device.</p><p>You can close this window.</p>`
        : '<p>You are signed out. You can close this window.</p>')
    },
  }
}

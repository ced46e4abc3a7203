/** The OpenID Connect scopes every organization's provider supports (pure: the console bundles it). */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'] as const

/**
 * Generated from the CommerceCore Auth OpenAPI document by openapi-typescript.
 * Do not edit: run `npm run client:generate` (test/client.test.ts checks it is current).
 */

export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** JSON Web Key Set of the access-token signing keys */
        get: operations["getWellKnownJwksJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Discovery for the API access tokens: issuer, jwks_uri, signing algorithms (OpenID providers are per organization)
         * @description For resource servers verifying the JWT access tokens of `/api/v1/auth/`. This is not an OpenID provider: each organization has one, with issuer `PUBLIC_URL/oidc/<slug>` and its own discovery document at `PUBLIC_URL/oidc/<slug>/.well-known/openid-configuration` (authorization, token, userinfo, JWKS, revocation, introspection, end session).
         */
        get: operations["getWellKnownOpenidConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hosted page: a shopper's own account (profile, password, two-factor, signed-in devices, personal access tokens)
         * @description One page for `/account/` and every path under it (`/account/password`, `/account/two-factor`, `/account/sessions`, `/account/tokens`; routed in the browser). It signs in (with the MFA step) and calls the `/api/v1/auth/…` endpoints with bearer tokens held in memory; see docs/web.md.
         */
        get: operations["getAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/account/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hosted page: one section of the account pages (/account/password, …): the same shell as /account/ */
        get: operations["getAccountAny"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hosted page: the staff console (sign in with MFA, users, roles and permissions, …)
         * @description One page for `/admin/` and every path under it (its screens are routed in the browser). It signs in and calls the public JSON API from the browser with bearer tokens held in memory; see docs/admin.md.
         */
        get: operations["getAdmin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hosted page: the staff console at a deep link (/admin/users/<id>/, …): the same shell as /admin/ */
        get: operations["getAdminAny"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's audit log, newest first (filters action, actor, target, target_type, created_after, created_before)
         * @description Requires the `view_audit_log` permission (superusers always pass).
         */
        get: operations["getAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/email/resend/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the verification link again (older links stop working)
         * @description For users (a session or a personal access token), not developer keys.
         */
        post: operations["postAuthEmailResend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/email/verify/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the email address with the emailed token (24 hours) */
        post: operations["postAuthEmailVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with username (or email) and password; with MFA on, answers {mfa_required, mfa_token} for /auth/mfa/verify/ */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the session of this refresh token
         * @description For users (a session or a personal access token), not developer keys.
         */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout/all/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End every session of the current user
         * @description For users (a session or a personal access token), not developer keys.
         */
        post: operations["postAuthLogoutAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My profile
         * @description For users (a session or a personal access token), not developer keys.
         */
        get: operations["getAuthMe"];
        /**
         * Replace my profile (username and email required)
         * @description For users (a session or a personal access token), not developer keys.
         */
        put: operations["putAuthMe"];
        post?: never;
        /**
         * Delete my account (soft); ends every session and key
         * @description For users (a session or a personal access token), not developer keys.
         */
        delete: operations["deleteAuthMe"];
        options?: never;
        head?: never;
        /**
         * Change some fields of my profile
         * @description For users (a session or a personal access token), not developer keys.
         */
        patch: operations["patchAuthMe"];
        trace?: never;
    };
    "/api/v1/auth/me/access/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My roles, permission codenames, superuser flag and organization
         * @description For users (a session or a personal access token), not developer keys.
         */
        get: operations["getAuthMeAccess"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/totp/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start TOTP setup: a new secret and its otpauth:// URL (for a QR code). Signed in, or with the mfa_token of a mfa_setup_required login */
        post: operations["postAuthMfaTotp"];
        /**
         * Turn TOTP off (needs a current code, a recovery code or the password); also abandons an unconfirmed setup
         * @description For users (a session or a personal access token), not developer keys.
         */
        delete: operations["deleteAuthMfaTotp"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/totp/confirm/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm setup with a current code: MFA is on; returns 10 single-use recovery codes (shown once). With a setup mfa_token, also signs in */
        post: operations["postAuthMfaTotpConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/verify/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Second login step: {mfa_token, code} or {mfa_token, recovery_code} → tokens */
        post: operations["postAuthMfaVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/organization/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The name and slug of the organization in X-Organization (no credentials) */
        get: operations["getAuthOrganization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/change/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change password; ends every other session
         * @description For users (a session or a personal access token), not developer keys.
         */
        post: operations["postAuthPasswordChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/forgot/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a single-use password-reset link (30 minutes); 202 whether or not the email is known */
        post: operations["postAuthPasswordForgot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/reset/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Set a new password with the emailed token; ends every session */
        post: operations["postAuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account in the organization (X-Organization) and sign in (or, where the organization requires it, wait for email verification) */
        post: operations["postAuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My live sessions, newest first
         * @description For users (a session or a personal access token), not developer keys.
         */
        get: operations["getAuthSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of my live sessions (another user's, or an ended one, is a 404)
         * @description For users (a session or a personal access token), not developer keys.
         */
        get: operations["getAuthSessionsById"];
        put?: never;
        post?: never;
        /**
         * End one of my sessions: its refresh and access tokens stop working at once
         * @description For users (a session or a personal access token), not developer keys.
         */
        delete: operations["deleteAuthSessionsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** DRF authtoken flow: credentials → an opaque API key */
        post: operations["postAuthToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token/refresh/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange a refresh token for a new pair (rotation with reuse detection) */
        post: operations["postAuthTokenRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token/verify/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check that a token is valid now */
        post: operations["postAuthTokenVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my personal access tokens (never the keys themselves)
         * @description For users (a session or a personal access token), not developer keys.
         */
        get: operations["getAuthTokens"];
        put?: never;
        /**
         * Create a personal access token; the key is shown once
         * @description For users (a session or a personal access token), not developer keys.
         */
        post: operations["postAuthTokens"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/tokens/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of my personal access tokens
         * @description For users (a session or a personal access token), not developer keys.
         */
        get: operations["getAuthTokensById"];
        put?: never;
        post?: never;
        /**
         * Revoke a personal access token
         * @description For users (a session or a personal access token), not developer keys.
         */
        delete: operations["deleteAuthTokensById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developers/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List developers (API clients of the organization)
         * @description Requires the `view_developers` or `manage_developers` permission (superusers always pass).
         */
        get: operations["getDevelopers"];
        put?: never;
        /**
         * Create a developer; it holds the permissions of its roles
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        post: operations["postDevelopers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developers/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One developer
         * @description Requires the `view_developers` or `manage_developers` permission (superusers always pass).
         */
        get: operations["getDevelopersById"];
        /**
         * Replace a developer (omitted email and role_ids become empty)
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        put: operations["putDevelopersById"];
        post?: never;
        /**
         * Delete a developer (soft); revokes all its keys at once
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        delete: operations["deleteDevelopersById"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a developer; role_ids replaces the set
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        patch: operations["patchDevelopersById"];
        trace?: never;
    };
    "/api/v1/developers/{id}/keys/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a developer's live API keys (never the keys themselves)
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        get: operations["getDevelopersByIdKeys"];
        put?: never;
        /**
         * Create an API key (cc_dev_…) for a developer; the key is shown once
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        post: operations["postDevelopersByIdKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developers/{id}/keys/{key_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key of a developer; it fails on its next request
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        delete: operations["deleteDevelopersByIdKeysByKeyId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developers/{id}/oauth-clients/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register an OAuth client for a developer; a confidential client's secret is shown once
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        post: operations["postDevelopersByIdOauthClients"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/developers/{id}/restore/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted developer (409 if its name is taken again); old keys stay revoked
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        post: operations["postDevelopersByIdRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-clients/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List OAuth clients (never their secrets)
         * @description Requires the `view_developers` or `manage_developers` permission (superusers always pass).
         */
        get: operations["getOauthClients"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-clients/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One OAuth client (never its secret)
         * @description Requires the `view_developers` or `manage_developers` permission (superusers always pass).
         */
        get: operations["getOauthClientsById"];
        put?: never;
        post?: never;
        /**
         * Delete an OAuth client (soft); its codes, tokens and grants end at once
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        delete: operations["deleteOauthClientsById"];
        options?: never;
        head?: never;
        /**
         * Change some settings of an OAuth client (its type is fixed)
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        patch: operations["patchOauthClientsById"];
        trace?: never;
    };
    "/api/v1/oauth-clients/{id}/rotate-secret/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a confidential client a new secret, shown once; the old one stops working (409 for a public client)
         * @description Requires the `manage_developers` permission (superusers always pass).
         */
        post: operations["postOauthClientsByIdRotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My orders, or every order of the organization with view_orders
         * @description Requires the `view_orders` or `manage_orders` permission, or being a user (their own objects only) (superusers always pass).
         */
        get: operations["getOrders"];
        put?: never;
        /**
         * Place an order (takes stock atomically; honours Idempotency-Key)
         * @description For users (a session or a personal access token), not developer keys.
         */
        post: operations["postOrders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/orders/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One order (another customer's is 404)
         * @description Requires the `view_orders` or `manage_orders` permission, or being a user (their own objects only) (superusers always pass).
         */
        get: operations["getOrdersById"];
        put?: never;
        post?: never;
        /**
         * Delete an order (soft; does not restore stock — cancel first)
         * @description Requires the `manage_orders` permission (superusers always pass).
         */
        delete: operations["deleteOrdersById"];
        options?: never;
        head?: never;
        /**
         * Change the status: the owner may cancel a pending order; manage_orders drives the rest
         * @description Requires the `view_orders` or `manage_orders` permission, or being a user (their own objects only) (superusers always pass).
         */
        patch: operations["patchOrdersById"];
        trace?: never;
    };
    "/api/v1/organizations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List organizations: all for a superuser, otherwise one's own; ?deleted=true the deleted ones (superuser) */
        get: operations["getOrganizations"];
        put?: never;
        /**
         * Create an organization with its built-in permissions and default roles (superuser)
         * @description Superusers only.
         */
        post: operations["postOrganizations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organizations/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One organization
         * @description Requires the `manage_organization` permission (superusers always pass).
         */
        get: operations["getOrganizationsById"];
        /**
         * Replace an organization (omitted flags take their defaults, profile_schema null, cors_allowed_origins empty)
         * @description Requires the `manage_organization` permission (superusers always pass).
         */
        put: operations["putOrganizationsById"];
        post?: never;
        /**
         * Delete an organization (soft); every token of its users and developers stops working
         * @description Requires the `manage_organization` permission (superusers always pass).
         */
        delete: operations["deleteOrganizationsById"];
        options?: never;
        head?: never;
        /**
         * Change some fields of an organization
         * @description Requires the `manage_organization` permission (superusers always pass).
         */
        patch: operations["patchOrganizationsById"];
        trace?: never;
    };
    "/api/v1/organizations/{id}/restore/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted organization (superuser; 409 if its slug is taken again)
         * @description Superusers only.
         */
        post: operations["postOrganizationsByIdRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permissions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List permissions (built-in and custom)
         * @description Requires the `manage_permissions` permission (superusers always pass).
         */
        get: operations["getPermissions"];
        put?: never;
        /**
         * Create a custom permission
         * @description Requires the `manage_permissions` permission (superusers always pass).
         */
        post: operations["postPermissions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permissions/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One permission
         * @description Requires the `manage_permissions` permission (superusers always pass).
         */
        get: operations["getPermissionsById"];
        /**
         * Replace a custom permission (built-in ones are read-only: 403)
         * @description Requires the `manage_permissions` permission (superusers always pass).
         */
        put: operations["putPermissionsById"];
        post?: never;
        /**
         * Delete a custom permission (soft); roles stop granting it at once
         * @description Requires the `manage_permissions` permission (superusers always pass).
         */
        delete: operations["deletePermissionsById"];
        options?: never;
        head?: never;
        /**
         * Change a custom permission (built-in ones are read-only: 403)
         * @description Requires the `manage_permissions` permission (superusers always pass).
         */
        patch: operations["patchPermissionsById"];
        trace?: never;
    };
    "/api/v1/permissions/{id}/restore/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted custom permission (409 if its codename is taken again)
         * @description Requires the `manage_permissions` permission (superusers always pass).
         */
        post: operations["postPermissionsByIdRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The catalogue of the organization (X-Organization, or the caller's own); inactive products only with manage_products */
        get: operations["getProducts"];
        put?: never;
        /**
         * Create a product
         * @description Requires the `manage_products` permission (superusers always pass).
         */
        post: operations["postProducts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/products/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One product */
        get: operations["getProductsById"];
        /**
         * Replace a product (omitted optional fields keep their values)
         * @description Requires the `manage_products` permission (superusers always pass).
         */
        put: operations["putProductsById"];
        post?: never;
        /**
         * Delete a product (soft)
         * @description Requires the `manage_products` permission (superusers always pass).
         */
        delete: operations["deleteProductsById"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a product
         * @description Requires the `manage_products` permission (superusers always pass).
         */
        patch: operations["patchProductsById"];
        trace?: never;
    };
    "/api/v1/roles/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List roles with their permissions
         * @description Requires the `view_roles` or `manage_roles` permission (superusers always pass).
         */
        get: operations["getRoles"];
        put?: never;
        /**
         * Create a role
         * @description Requires the `manage_roles` permission (superusers always pass).
         */
        post: operations["postRoles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One role
         * @description Requires the `view_roles` or `manage_roles` permission (superusers always pass).
         */
        get: operations["getRolesById"];
        /**
         * Replace a role (omitted description and permission_ids become empty)
         * @description Requires the `manage_roles` permission (superusers always pass).
         */
        put: operations["putRolesById"];
        post?: never;
        /**
         * Delete a role (soft); its holders lose it at once
         * @description Requires the `manage_roles` permission (superusers always pass).
         */
        delete: operations["deleteRolesById"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a role; permission_ids replaces the set
         * @description Requires the `manage_roles` permission (superusers always pass).
         */
        patch: operations["patchRolesById"];
        trace?: never;
    };
    "/api/v1/roles/{id}/restore/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted role with its permissions and assignments (409 if its name is taken again)
         * @description Requires the `manage_roles` permission (superusers always pass).
         */
        post: operations["postRolesByIdRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user-roles/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List role assignments (filters user and role)
         * @description Requires the `manage_user_roles` permission (superusers always pass).
         */
        get: operations["getUserRoles"];
        put?: never;
        /**
         * Give a user a role; effective on their next request
         * @description Requires the `manage_user_roles` permission (superusers always pass).
         */
        post: operations["postUserRoles"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/user-roles/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One role assignment
         * @description Requires the `manage_user_roles` permission (superusers always pass).
         */
        get: operations["getUserRolesById"];
        put?: never;
        post?: never;
        /**
         * Take a role away from a user; effective on their next request
         * @description Requires the `manage_user_roles` permission (superusers always pass).
         */
        delete: operations["deleteUserRolesById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users (search, ordering, filters is_active and role; deleted=true lists the soft-deleted ones)
         * @description Requires the `view_users` or `manage_users` permission (superusers always pass).
         */
        get: operations["getUsers"];
        put?: never;
        /**
         * Create a user (password optional; role_ids default to the customer role)
         * @description Requires the `manage_users` permission (superusers always pass).
         */
        post: operations["postUsers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One user (view_users, manage_users, or oneself)
         * @description Requires the `view_users` or `manage_users` permission, or being the user `{id}` (superusers always pass).
         */
        get: operations["getUsersById"];
        /**
         * Replace a user (manage_users, or oneself without the flags); omitted names and profile are cleared
         * @description Requires the `manage_users` permission, or being the user `{id}` (superusers always pass).
         */
        put: operations["putUsersById"];
        post?: never;
        /**
         * Delete a user (soft); ends their sessions and keys at once
         * @description Requires the `manage_users` permission (superusers always pass).
         */
        delete: operations["deleteUsersById"];
        options?: never;
        head?: never;
        /**
         * Change some fields of a user (manage_users, or oneself without the flags); is_active false signs them out
         * @description Requires the `manage_users` permission, or being the user `{id}` (superusers always pass).
         */
        patch: operations["patchUsersById"];
        trace?: never;
    };
    "/api/v1/users/{id}/restore/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a deleted user (409 if a live user took the username or email)
         * @description Requires the `manage_users` permission (superusers always pass).
         */
        post: operations["postUsersByIdRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/roles/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace a user's roles
         * @description Requires the `manage_user_roles` permission (superusers always pass).
         */
        put: operations["putUsersByIdRoles"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hosted pages' scripts and stylesheets (content-hashed names, cached for a year) */
        get: operations["getAssetsByFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up and answering (checks nothing else) */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics: requests, password-hash queue, admission, database pool, Redis, logins, lockouts, refresh reuse, email, caches
         * @description Public unless `METRICS_TOKEN` is set; then it needs `Authorization: Bearer <METRICS_TOKEN>`.
         */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/{org}/{*}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * OpenID provider endpoint (discovery, authorization, userinfo, JWKS, logout)
         * @description Answered by the organization's OpenID provider (oidc-provider, OpenID Certified): OAuth 2.1 authorization code with PKCE (S256), refresh token (rotated on every use), client credentials; OpenID Connect Discovery, userinfo, revocation (RFC 7009), introspection (RFC 7662), RP-initiated logout. Errors follow RFC 6749 (`{"error": …, "error_description": …}`); 503 `temporarily_unavailable` while PostgreSQL is down. See docs/oidc.md.
         */
        get: operations["getOidcByOrgAny"];
        put?: never;
        /**
         * OpenID provider endpoint (token, revocation, introspection, userinfo, logout)
         * @description Answered by the organization's OpenID provider (oidc-provider, OpenID Certified): OAuth 2.1 authorization code with PKCE (S256), refresh token (rotated on every use), client credentials; OpenID Connect Discovery, userinfo, revocation (RFC 7009), introspection (RFC 7662), RP-initiated logout. Errors follow RFC 6749 (`{"error": …, "error_description": …}`); 503 `temporarily_unavailable` while PostgreSQL is down. See docs/oidc.md.
         */
        post: operations["postOidcByOrgAny"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/{org}/interaction/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hosted page: sign in (with the second factor) and consent for an OpenID client
         * @description Where an organization's provider sends the browser. It signs in through `POST /api/v1/auth/login/` (the same throttles, lockout and MFA), then hands that session to the provider; clients that are not first-party get a consent step.
         */
        get: operations["getOidcByOrgInteractionByUid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/{org}/interaction/{uid}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hosted page call: cancel; the client gets `access_denied`
         * @description A call of the hosted sign-in page, tied to its browser by the interaction cookie (JSON only). Answers `{"location": …}`: where the browser goes next.
         */
        post: operations["postOidcByOrgInteractionByUidAbort"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/{org}/interaction/{uid}/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hosted page call: grant the scopes the client asked for
         * @description A call of the hosted sign-in page, tied to its browser by the interaction cookie (JSON only). Answers `{"location": …}`: where the browser goes next.
         */
        post: operations["postOidcByOrgInteractionByUidConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/{org}/interaction/{uid}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hosted page call: what the pending interaction asks (sign-in or consent, the client, the scopes)
         * @description A call of the hosted sign-in page, tied to its browser by the interaction cookie (JSON only). Answers `{"location": …}`: where the browser goes next.
         */
        get: operations["getOidcByOrgInteractionByUidDetails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/oidc/{org}/interaction/{uid}/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hosted page call: hand the new session (its Bearer access token) to the provider
         * @description A call of the hosted sign-in page, tied to its browser by the interaction cookie (JSON only). Answers `{"location": …}`: where the browser goes next.
         */
        post: operations["postOidcByOrgInteractionByUidLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: every dependency (PostgreSQL, and Redis when configured) answers; 503 names the one that does not */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hosted page: choose a new password (the link in the reset email)
         * @description Posts to `POST /api/v1/auth/password/reset/` from the browser and shows the password policy's messages at the field.
         */
        get: operations["getResetPassword"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/verify-email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Hosted page: confirm the email address (the link in the verification email)
         * @description Calls `POST /api/v1/auth/email/verify/` from the browser on load and shows the result.
         */
        get: operations["getVerifyEmail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ApiKey: {
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            expires_at: string | null;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            last_used_at: string | null;
            name: string;
            /** @description First characters of the key, to recognise it. */
            prefix: string;
        };
        ApiKeyPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["ApiKey"][];
        };
        AuditEvent: {
            /** @example role.updated */
            action: string;
            actor_id: string | null;
            /** @description user, developer, anonymous or system. */
            actor_type: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            ip: string;
            metadata: {
                [key: string]: unknown;
            };
            organization: string | null;
            target_id: string | null;
            target_type: string | null;
            user_agent: string;
        };
        AuditEventPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["AuditEvent"][];
        };
        AuthResult: {
            /** @description JWT access token (ES256/EdDSA), 5 minutes by default. */
            access: string;
            /** @description Opaque refresh token; rotated on every use. */
            refresh: string;
            user: components["schemas"]["User"];
        };
        ChangeOrder: {
            status: components["schemas"]["OrderStatus"];
        };
        CreateApiKey: {
            expires_at?: string | null;
            /** @example ci-deploy */
            name: string;
        };
        CreateDeveloper: {
            /**
             * @description Contact address (optional).
             * @example backend-team@example.com
             */
            email?: string | "";
            /**
             * @description Unique in the organization (case-insensitive).
             * @example shop-backend
             */
            name: string;
            /**
             * @description Ids of roles of this organization: the developer holds their permissions.
             * @example [
             *       "01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e"
             *     ]
             */
            role_ids?: string[];
        };
        CreateOAuthClient: {
            /** @description The organization's own app: its users are not asked for consent. Default false. */
            first_party?: boolean;
            /**
             * @description Default: authorization_code, refresh_token. client_credentials only for confidential clients; refresh_token needs authorization_code.
             * @example [
             *       "authorization_code",
             *       "refresh_token"
             *     ]
             */
            grant_types?: ("authorization_code" | "refresh_token" | "client_credentials")[];
            /** @example Shop storefront */
            name: string;
            /**
             * @description Where the client may send the user after sign-out; the same rules as redirect_uris.
             * @example [
             *       "https://shop.example.com/"
             *     ]
             */
            post_logout_redirect_uris?: string[];
            /**
             * @description Absolute URIs, matched exactly; https (http only for localhost, 127.0.0.1, [::1]); a custom scheme holding a dot (com.shop.app:/callback) only for public clients.
             * @example [
             *       "https://shop.example.com/callback"
             *     ]
             */
            redirect_uris?: string[];
            /**
             * @description Default: openid, profile, email. OpenID Connect scopes and permission codenames of the organization.
             * @example [
             *       "openid",
             *       "profile",
             *       "email"
             *     ]
             */
            scopes?: string[];
            /** @description How the client authenticates at the token endpoint: `client_secret_basic` (default) or `client_secret_post` for a confidential client; always `none` for a public one. */
            token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "none";
            /** @description `confidential` (a server: has a secret) or `public` (SPA, mobile: PKCE, no secret). Fixed at creation. */
            type: "confidential" | "public";
        };
        CreateOrder: {
            items: {
                /**
                 * Format: uuid
                 * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
                 */
                product: string;
                quantity: number;
            }[];
        };
        CreateOrganization: {
            /**
             * @description Whether /auth/register/ is open.
             * @example true
             */
            allow_registration?: boolean;
            /**
             * @description Browser origins (scheme://host[:port], no path) whose pages may call the API for this organization, besides the server's CORS_ALLOWED_ORIGINS. Stored normalized (lowercase, default port dropped, duplicates removed); `*`, `null` and wildcards are refused. See docs/cors.md.
             * @example [
             *       "https://shop.example.com"
             *     ]
             */
            cors_allowed_origins?: string[];
            /** @example Acme Shoes */
            name: string;
            /**
             * @example {
             *       "type": "object",
             *       "properties": {
             *         "shoe_size": {
             *           "type": "integer",
             *           "minimum": 15,
             *           "maximum": 60
             *         }
             *       },
             *       "additionalProperties": false
             *     }
             */
            profile_schema?: {
                [key: string]: unknown;
            } | null;
            /** @example false */
            require_email_verification?: boolean;
            /**
             * @description What clients send as X-Organization. Omitted: derived from the name (`Acme Shoes` → `acme-shoes`, then `acme-shoes-2`, …); on PUT, omitted keeps the current slug.
             * @example acme-shoes
             */
            slug?: string;
        };
        CreatePermission: {
            /**
             * @description Lowercase letters, digits and _ . : - ; starts with a letter.
             * @example refund_orders
             */
            codename: string;
            /** @example Issue refunds on paid orders. */
            description?: string;
            /** @example Can refund orders */
            name: string;
        };
        CreateProduct: {
            currency: components["schemas"]["Currency"];
            description?: string;
            is_active?: boolean;
            name: string;
            price: components["schemas"]["Money"];
            /**
             * @description Unique among the live products of the organization.
             * @example TSHIRT-RED-M
             */
            sku: string;
            stock?: number;
        };
        CreateRole: {
            /** @example Answers customers; reads users and orders. */
            description?: string;
            /** @example support */
            name: string;
            /**
             * @description Ids of permissions of this organization.
             * @example [
             *       "01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e"
             *     ]
             */
            permission_ids?: string[];
        };
        CreateUser: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @example false */
            email_verified?: boolean;
            /** @example Ada */
            first_name?: string;
            /**
             * @description false signs the user out everywhere and blocks sign-in.
             * @example true
             */
            is_active?: boolean;
            /**
             * @description Only a superuser may set it.
             * @example false
             */
            is_superuser?: boolean;
            /** @example Lovelace */
            last_name?: string;
            /** @description Omitted or null: no usable password until a reset. */
            password?: string | null;
            /** @example +44 20 7946 0958 */
            phone_number?: string;
            profile?: components["schemas"]["Profile"];
            /**
             * @description Ids of roles of this organization.
             * @example [
             *       "01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e"
             *     ]
             */
            role_ids?: string[];
            username: components["schemas"]["Username"];
        };
        CreateUserRole: {
            /**
             * Format: uuid
             * @description A role of this organization.
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0f
             */
            role: string;
            /**
             * Format: uuid
             * @description A user of this organization.
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            user: string;
        };
        Credentials: {
            /** @description Email (alternative to username). */
            email?: string;
            /** @example correct horse battery staple */
            password: string;
            /**
             * @description Username or email.
             * @example ada
             */
            username?: string;
        };
        /**
         * @description ISO 4217 code.
         * @example EUR
         */
        Currency: string;
        Developer: {
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            email: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            name: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            organization: string;
            roles: components["schemas"]["RoleRef"][];
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            updated_at: string;
        };
        DeveloperPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Developer"][];
        };
        DiscoveryDocument: {
            /** @description Not a registered metadata name: the algorithms of the keys in jwks_uri, which sign access tokens. */
            access_token_signing_alg_values_supported: string[];
            /** @description The `iss` of every access token. */
            issuer: string;
            jwks_uri: string;
        };
        Error: {
            /** @enum {string} */
            code: "parse_error" | "not_authenticated" | "token_not_valid" | "no_active_account" | "email_not_verified" | "mfa_code_not_valid" | "permission_denied" | "mfa_required" | "mfa_setup_required" | "origin_not_allowed" | "not_found" | "method_not_allowed" | "conflict" | "request_too_large" | "unsupported_media_type" | "throttled" | "error" | "service_unavailable";
            detail: string;
        } & {
            [key: string]: unknown;
        };
        JsonWebKeySet: {
            keys: {
                [key: string]: unknown;
            }[];
        };
        LoginResult: components["schemas"]["AuthResult"] | components["schemas"]["MfaChallenge"];
        LogoutBody: {
            /** @description Opaque refresh token; rotated on every use. */
            refresh: string;
        };
        MfaChallenge: {
            /** @enum {boolean} */
            mfa_required: true;
            mfa_token: string;
        };
        /**
         * @description Decimal string with up to 2 decimal places.
         * @example 12.50
         */
        Money: string;
        MyAccess: {
            /** @description Superusers pass every permission check, in any organization (X-Organization). */
            is_superuser: boolean;
            /** @description My own organization. */
            organization: {
                /**
                 * Format: uuid
                 * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
                 */
                id: string;
                name: string;
                slug: string;
            };
            /** @description Codenames my roles grant, sorted (what the API checks on each request). */
            permissions: string[];
            /** @description Names of my live roles in my organization. */
            roles: string[];
        };
        NewApiKey: components["schemas"]["ApiKey"] & {
            /** @description The key. Shown once; only its hash is stored. */
            key: string;
        };
        OAuthClient: {
            /** @description The public client identifier (cc_client_…). */
            client_id: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            developer_id: string;
            first_party: boolean;
            grant_types: string[];
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            name: string;
            post_logout_redirect_uris: string[];
            redirect_uris: string[];
            scopes: string[];
            /** @description How the client authenticates at the token endpoint: `client_secret_basic` (default) or `client_secret_post` for a confidential client; always `none` for a public one. */
            token_endpoint_auth_method: "client_secret_basic" | "client_secret_post" | "none";
            /** @description `confidential` (a server: has a secret) or `public` (SPA, mobile: PKCE, no secret). Fixed at creation. */
            type: "confidential" | "public";
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            updated_at: string;
        };
        OAuthClientPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["OAuthClient"][];
        };
        OAuthClientWithSecret: components["schemas"]["OAuthClient"] & {
            /** @description The client secret (cc_secret_…). Shown once; only its hash is stored. Absent for a public client. */
            client_secret?: string;
        };
        Order: {
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            currency: components["schemas"]["Currency"];
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            items: components["schemas"]["OrderItem"][];
            status: components["schemas"]["OrderStatus"];
            /**
             * @description Exact decimal string.
             * @example 37.50
             */
            total: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            updated_at: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            user: string;
        };
        OrderItem: {
            /** @description Product name when the order was placed. */
            name: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            product: string;
            quantity: number;
            unit_price: components["schemas"]["Money"];
        };
        OrderPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Order"][];
        };
        /**
         * @description pending → paid → shipped → delivered; pending|paid → cancelled.
         * @enum {unknown}
         */
        OrderStatus: "pending" | "paid" | "shipped" | "delivered" | "cancelled";
        Organization: {
            allow_registration: boolean;
            /**
             * @description Browser origins (scheme://host[:port], no path) whose pages may call the API for this organization, besides the server's CORS_ALLOWED_ORIGINS. Stored normalized (lowercase, default port dropped, duplicates removed); `*`, `null` and wildcards are refused. See docs/cors.md.
             * @example [
             *       "https://shop.example.com"
             *     ]
             */
            cors_allowed_origins: string[];
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            name: string;
            /**
             * @example {
             *       "type": "object",
             *       "properties": {
             *         "shoe_size": {
             *           "type": "integer",
             *           "minimum": 15,
             *           "maximum": 60
             *         }
             *       },
             *       "additionalProperties": false
             *     }
             */
            profile_schema: {
                [key: string]: unknown;
            } | null;
            require_email_verification: boolean;
            slug: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            updated_at: string;
        };
        OrganizationPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Organization"][];
        };
        PasswordChangeBody: {
            /** @example correct horse battery staple */
            new_password: string;
            /** @example correct horse battery staple */
            old_password: string;
        };
        /** @description The organization requires a verified email before the first sign-in; a link was mailed. */
        PendingVerification: {
            /** @enum {boolean} */
            email_verification_required: true;
            user: components["schemas"]["User"];
        };
        Permission: {
            codename: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            description: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            /** @description Built-in permissions exist in every organization and are read-only. */
            is_builtin: boolean;
            name: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            updated_at: string;
        };
        PermissionPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Permission"][];
        };
        PermissionRef: {
            codename: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            name: string;
        };
        Product: {
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            currency: components["schemas"]["Currency"];
            description: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            is_active: boolean;
            name: string;
            price: components["schemas"]["Money"];
            sku: string;
            stock: number;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            updated_at: string;
        };
        ProductPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Product"][];
        };
        /**
         * @description Free-form, at most 16 KiB as JSON; validated by the organization's profile_schema when it has one.
         * @example {
         *       "shoe_size": 42
         *     }
         */
        Profile: {
            [key: string]: unknown;
        };
        PublicOrganization: {
            /** @description The display name, for sign-in forms and the hosted pages. */
            name: string;
            /** @description What to send as `X-Organization`. */
            slug: string;
        };
        RefreshBody: {
            /** @description Opaque refresh token; rotated on every use. */
            refresh: string;
        };
        RegisterBody: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @example Ada */
            first_name?: string;
            /** @example Lovelace */
            last_name?: string;
            /** @example correct horse battery staple */
            password: string;
            /** @example correct horse battery staple */
            password2?: string;
            /** @example +44 20 7946 0958 */
            phone_number?: string;
            profile?: components["schemas"]["Profile"];
            username: components["schemas"]["Username"];
        };
        ReplaceMe: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @example Ada */
            first_name?: string;
            /** @example Lovelace */
            last_name?: string;
            /** @example +44 20 7946 0958 */
            phone_number?: string;
            profile?: components["schemas"]["Profile"];
            username: components["schemas"]["Username"];
        };
        ReplaceUser: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email: string;
            /** @example false */
            email_verified?: boolean;
            /** @example Ada */
            first_name?: string;
            /**
             * @description false signs the user out everywhere and blocks sign-in.
             * @example true
             */
            is_active?: boolean;
            /**
             * @description Only a superuser may set it.
             * @example false
             */
            is_superuser?: boolean;
            /** @example Lovelace */
            last_name?: string;
            /** @example +44 20 7946 0958 */
            phone_number?: string;
            profile?: components["schemas"]["Profile"];
            username: components["schemas"]["Username"];
        };
        Role: {
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            description: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            name: string;
            permissions: components["schemas"]["PermissionRef"][];
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            updated_at: string;
        };
        RolePage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Role"][];
        };
        RoleRef: {
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            name: string;
        };
        Session: {
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            /** @description The session of the token making this request. */
            current: boolean;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            expires_at: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            ip: string;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            last_used_at: string;
            user_agent: string;
        };
        SessionPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["Session"][];
        };
        TokenPair: {
            /** @description JWT access token (ES256/EdDSA), 5 minutes by default. */
            access: string;
            /** @description Opaque refresh token; rotated on every use. */
            refresh: string;
        };
        UpdateDeveloper: {
            /**
             * @description Contact address (optional).
             * @example backend-team@example.com
             */
            email?: string | "";
            /**
             * @description Unique in the organization (case-insensitive).
             * @example shop-backend
             */
            name?: string;
            /**
             * @description Ids of roles of this organization: the developer holds their permissions.
             * @example [
             *       "01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e"
             *     ]
             */
            role_ids?: string[];
        };
        UpdateMe: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email?: string;
            /** @example Ada */
            first_name?: string;
            /** @example Lovelace */
            last_name?: string;
            /** @example +44 20 7946 0958 */
            phone_number?: string;
            profile?: components["schemas"]["Profile"];
            /**
             * @description Letters, digits and @/./+/-/_ only (as Django).
             * @example ada
             */
            username?: string;
        };
        UpdateOAuthClient: {
            /** @description The organization's own app: its users are not asked for consent. Default false. */
            first_party?: boolean;
            /**
             * @description Default: authorization_code, refresh_token. client_credentials only for confidential clients; refresh_token needs authorization_code.
             * @example [
             *       "authorization_code",
             *       "refresh_token"
             *     ]
             */
            grant_types?: ("authorization_code" | "refresh_token" | "client_credentials")[];
            /** @example Shop storefront */
            name?: string;
            /**
             * @description Where the client may send the user after sign-out; the same rules as redirect_uris.
             * @example [
             *       "https://shop.example.com/"
             *     ]
             */
            post_logout_redirect_uris?: string[];
            /**
             * @description Absolute URIs, matched exactly; https (http only for localhost, 127.0.0.1, [::1]); a custom scheme holding a dot (com.shop.app:/callback) only for public clients.
             * @example [
             *       "https://shop.example.com/callback"
             *     ]
             */
            redirect_uris?: string[];
            /**
             * @description Default: openid, profile, email. OpenID Connect scopes and permission codenames of the organization.
             * @example [
             *       "openid",
             *       "profile",
             *       "email"
             *     ]
             */
            scopes?: string[];
            /** @description How the client authenticates at the token endpoint: `client_secret_basic` (default) or `client_secret_post` for a confidential client; always `none` for a public one. */
            token_endpoint_auth_method?: "client_secret_basic" | "client_secret_post" | "none";
        };
        UpdateOrganization: {
            /**
             * @description Whether /auth/register/ is open.
             * @example true
             */
            allow_registration?: boolean;
            /**
             * @description Browser origins (scheme://host[:port], no path) whose pages may call the API for this organization, besides the server's CORS_ALLOWED_ORIGINS. Stored normalized (lowercase, default port dropped, duplicates removed); `*`, `null` and wildcards are refused. See docs/cors.md.
             * @example [
             *       "https://shop.example.com"
             *     ]
             */
            cors_allowed_origins?: string[];
            /** @example Acme Shoes */
            name?: string;
            /**
             * @example {
             *       "type": "object",
             *       "properties": {
             *         "shoe_size": {
             *           "type": "integer",
             *           "minimum": 15,
             *           "maximum": 60
             *         }
             *       },
             *       "additionalProperties": false
             *     }
             */
            profile_schema?: {
                [key: string]: unknown;
            } | null;
            /** @example false */
            require_email_verification?: boolean;
            /**
             * @description Lowercase letters, digits and hyphens; what clients send as X-Organization.
             * @example acme-shoes
             */
            slug?: string;
        };
        UpdatePermission: {
            /**
             * @description Lowercase letters, digits and _ . : - ; starts with a letter.
             * @example refund_orders
             */
            codename?: string;
            /** @example Issue refunds on paid orders. */
            description?: string;
            /** @example Can refund orders */
            name?: string;
        };
        UpdateProduct: {
            /**
             * @description ISO 4217 code.
             * @example EUR
             */
            currency?: string;
            description?: string;
            is_active?: boolean;
            name?: string;
            /**
             * @description Decimal string with up to 2 decimal places.
             * @example 12.50
             */
            price?: string;
            /**
             * @description Unique among the live products of the organization.
             * @example TSHIRT-RED-M
             */
            sku?: string;
            stock?: number;
        };
        UpdateRole: {
            /** @example Answers customers; reads users and orders. */
            description?: string;
            /** @example support */
            name?: string;
            /**
             * @description Ids of permissions of this organization.
             * @example [
             *       "01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e"
             *     ]
             */
            permission_ids?: string[];
        };
        UpdateUser: {
            /**
             * Format: email
             * @example ada@example.com
             */
            email?: string;
            /** @example false */
            email_verified?: boolean;
            /** @example Ada */
            first_name?: string;
            /**
             * @description false signs the user out everywhere and blocks sign-in.
             * @example true
             */
            is_active?: boolean;
            /**
             * @description Only a superuser may set it.
             * @example false
             */
            is_superuser?: boolean;
            /** @example Lovelace */
            last_name?: string;
            /** @example +44 20 7946 0958 */
            phone_number?: string;
            profile?: components["schemas"]["Profile"];
            /**
             * @description Letters, digits and @/./+/-/_ only (as Django).
             * @example ada
             */
            username?: string;
        };
        User: {
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            date_joined: string;
            email: string;
            email_verified: boolean;
            first_name: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            is_active: boolean;
            is_superuser: boolean;
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            last_login: string | null;
            last_name: string;
            mfa_enabled: boolean;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            organization: string;
            phone_number: string;
            profile: components["schemas"]["Profile"];
            roles: components["schemas"]["RoleRef"][];
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            updated_at: string;
            username: string;
        };
        /**
         * @description Letters, digits and @/./+/-/_ only (as Django).
         * @example ada
         */
        Username: string;
        UserPage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["User"][];
        };
        UserRole: {
            /**
             * Format: date-time
             * @example 2026-11-22T09:30:00.000Z
             */
            created_at: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            id: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            role: string;
            /**
             * Format: uuid
             * @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e
             */
            user: string;
        };
        UserRolePage: {
            next: string | null;
            previous: string | null;
            results: components["schemas"]["UserRole"][];
        };
        UserRolesBody: {
            /**
             * @description Ids of roles of this organization.
             * @example [
             *       "01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e"
             *     ]
             */
            role_ids: string[];
        };
        /**
         * @description Field errors: `{"field": ["message"], "non_field_errors": [...]}`; nested fields use dotted paths.
         * @example {
         *       "email": [
         *         "Enter a valid email address."
         *       ]
         *     }
         * @example {
         *       "items.0.quantity": [
         *         "Ensure this value is greater than or equal to 1."
         *       ]
         *     }
         * @example {
         *       "non_field_errors": [
         *         "No data provided"
         *       ]
         *     }
         */
        ValidationErrors: {
            [key: string]: string[];
        };
        VerifyBody: {
            token: string;
        };
    };
    responses: {
        /** @description Invalid input: field errors `{"field": ["message"]}` (dotted paths for nested fields), or `{"detail", "code"}` for a body that is not JSON. Codes: `parse_error`. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ValidationErrors"] | components["schemas"]["Error"];
            };
        };
        /** @description Conflicts with the current state: a duplicate, a resource in use, an Idempotency-Key in flight or reused. Codes: `conflict`. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Authenticated, but not allowed: a missing permission, or a developer key on a "my account" endpoint. Codes: `permission_denied`, `mfa_required`, `mfa_setup_required`, `origin_not_allowed`. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description An unexpected failure; the body never says more than this. Codes: `error`. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The path exists, but not with this method; the `Allow` header lists the methods that it has. Codes: `method_not_allowed`. */
        MethodNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource in this organization; also the answer for another tenant's resources, or an unknown X-Organization. Codes: `not_found`. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request body is larger than BODY_LIMIT. Codes: `request_too_large`. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A dependency (PostgreSQL, Redis) is down or the server is overloaded or shutting down; retry later. Codes: `service_unavailable`. */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Throttled: too many attempts from this address or for this account. Codes: `throttled`. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No credentials, or credentials that are not valid. Codes: `not_authenticated`, `token_not_valid`, `no_active_account`, `email_not_verified`, `mfa_code_not_valid`. */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is not `application/json`. Codes: `unsupported_media_type`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description Retries with the same key and body get the first response again (with `Idempotent-Replayed: true`) for 24 hours; the same key with another body is a 409. */
        IdempotencyKey: string;
        /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
        XOrganization: string;
    };
    requestBodies: never;
    headers: {
        /** @description `true` when this is the stored response of an earlier request with the same Idempotency-Key (nothing was done again). */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before retrying. */
        RetryAfter: number;
        /** @description The authentication scheme expected (RFC 6750): `Bearer realm="api"`, with `error="invalid_token"` for a token that is not valid. */
        WWWAuthenticate: string;
        /** @description The id of this request in the server logs (echoed from the request, or generated). */
        XRequestId: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getWellKnownJwksJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: JsonWebKeySet. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JsonWebKeySet"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getWellKnownOpenidConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: DiscoveryDocument. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DiscoveryDocument"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAccount: {
        parameters: {
            query?: {
                /** @description The organization's slug: its name in the heading, and the organization signed in to (absent: `default`). */
                org?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page's shell (no-store; its own Content-Security-Policy). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html; charset=utf-8": string;
                };
            };
        };
    };
    getAccountAny: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The section below /account/ (routed in the browser). */
                "*": string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page's shell (no-store; its own Content-Security-Policy). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html; charset=utf-8": string;
                };
            };
        };
    };
    getAdmin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The console's shell (no-store; its own Content-Security-Policy). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html; charset=utf-8": string;
                };
            };
        };
    };
    getAdminAny: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The path below /admin/ (routed in the browser). */
                "*": string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The console's shell (no-store; its own Content-Security-Policy). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html; charset=utf-8": string;
                };
            };
        };
    };
    getAuditEvents: {
        parameters: {
            query?: {
                /** @description Exact action, e.g. login.failed or role.updated. */
                action?: string;
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                actor?: string;
                /** @example 2026-11-22T09:30:00.000Z */
                created_after?: string;
                /** @example 2026-11-22T09:30:00.000Z */
                created_before?: string;
                cursor?: string;
                limit?: number;
                /**
                 * @description created_at or -created_at (default, newest first).
                 * @example -created_at
                 */
                ordering?: string;
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                target?: string;
                /** @example user */
                target_type?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthEmailResend: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthEmailVerify: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The single-use token from the emailed link. */
                    token: string;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description OK: LoginResult. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogoutBody"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthLogoutAll: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: User. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putAuthMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplaceMe"];
            };
        };
        responses: {
            /** @description OK: User. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAuthMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchAuthMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMe"];
            };
        };
        responses: {
            /** @description OK: User. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthMeAccess: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: MyAccess. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyAccess"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthMfaTotp: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The mfa_token from the password step. */
                    mfa_token?: string;
                };
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        otpauth_url: string;
                        /** @description Base32 secret */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAuthMfaTotp: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description A 6-digit code from the authenticator app.
                     * @example 123456
                     */
                    code?: string;
                    /** @example correct horse battery staple */
                    password?: string;
                    /** @description One of the recovery codes (each works once). */
                    recovery_code?: string;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthMfaTotpConfirm: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description A 6-digit code from the authenticator app.
                     * @example 123456
                     */
                    code: string;
                    /** @description The mfa_token from the password step. */
                    mfa_token?: string;
                };
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access?: string;
                        recovery_codes: string[];
                        refresh?: string;
                        user?: components["schemas"]["User"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthMfaVerify: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description A 6-digit code from the authenticator app.
                     * @example 123456
                     */
                    code?: string;
                    /** @description The mfa_token from the password step. */
                    mfa_token: string;
                    /** @description One of the recovery codes (each works once). */
                    recovery_code?: string;
                };
            };
        };
        responses: {
            /** @description OK: AuthResult. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthOrganization: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: PublicOrganization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicOrganization"];
                };
            };
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthPasswordChange: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChangeBody"];
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthPasswordForgot: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: email
                     * @example ada@example.com
                     */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthPasswordReset: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example correct horse battery staple */
                    new_password: string;
                    /** @description The single-use token from the emailed link. */
                    token: string;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthRegister: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterBody"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthResult"] | components["schemas"]["PendingVerification"];
                };
            };
            400: components["responses"]["BadRequest"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthSessions: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthSessionsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Session. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAuthSessionsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Credentials"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        token: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthTokenRefresh: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshBody"];
            };
        };
        responses: {
            /** @description OK: TokenPair. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthTokenVerify: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyBody"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthTokens: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthTokens: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKey"];
            };
        };
        responses: {
            /** @description Created: NewApiKey. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthTokensById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: ApiKey. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAuthTokensById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDevelopers: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /**
                 * @description name, created_at; prefix "-" for descending.
                 * @example name
                 */
                ordering?: string;
                /** @description Substring of the name or email (case-insensitive). */
                search?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeveloperPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postDevelopers: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDeveloper"];
            };
        };
        responses: {
            /** @description Created: Developer. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Developer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDevelopersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Developer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Developer"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putDevelopersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDeveloper"];
            };
        };
        responses: {
            /** @description OK: Developer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Developer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteDevelopersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchDevelopersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDeveloper"];
            };
        };
        responses: {
            /** @description OK: Developer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Developer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDevelopersByIdKeys: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postDevelopersByIdKeys: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKey"];
            };
        };
        responses: {
            /** @description Created: NewApiKey. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteDevelopersByIdKeysByKeyId: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postDevelopersByIdOauthClients: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOAuthClient"];
            };
        };
        responses: {
            /** @description Created: OAuthClientWithSecret. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthClientWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postDevelopersByIdRestore: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Developer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Developer"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOauthClients: {
        parameters: {
            query?: {
                cursor?: string;
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                developer_id?: string;
                limit?: number;
                /**
                 * @description name, created_at; prefix "-" for descending.
                 * @example name
                 */
                ordering?: string;
                /** @description Substring of the name or client_id (case-insensitive). */
                search?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthClientPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOauthClientsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: OAuthClient. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthClient"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteOauthClientsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchOauthClientsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOAuthClient"];
            };
        };
        responses: {
            /** @description OK: OAuthClient. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthClient"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postOauthClientsByIdRotateSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: OAuthClientWithSecret. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OAuthClientWithSecret"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOrders: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @description created_at or total; prefix - for descending. Default -created_at. */
                ordering?: string;
                /** @description pending → paid → shipped → delivered; pending|paid → cancelled. */
                status?: "pending" | "paid" | "shipped" | "delivered" | "cancelled";
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postOrders: {
        parameters: {
            query?: never;
            header?: {
                /** @description Retries with the same key and body get the first response again (with `Idempotent-Replayed: true`) for 24 hours; the same key with another body is a 409. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrder"];
            };
        };
        responses: {
            /** @description Created: Order. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOrdersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteOrdersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchOrdersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeOrder"];
            };
        };
        responses: {
            /** @description OK: Order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Order"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOrganizations: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description true: the soft-deleted organizations instead, to restore one (superusers only; anyone else gets 403). */
                deleted?: boolean;
                limit?: number;
                /**
                 * @description slug, created_at; prefix "-" for descending.
                 * @example slug
                 */
                ordering?: string;
                /** @description Substring of the name or slug (case-insensitive). */
                search?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postOrganizations: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganization"];
            };
        };
        responses: {
            /** @description Created: Organization. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOrganizationsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Organization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putOrganizationsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrganization"];
            };
        };
        responses: {
            /** @description OK: Organization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteOrganizationsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchOrganizationsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOrganization"];
            };
        };
        responses: {
            /** @description OK: Organization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postOrganizationsByIdRestore: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Organization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Organization"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPermissions: {
        parameters: {
            query?: {
                cursor?: string;
                is_builtin?: boolean;
                limit?: number;
                /**
                 * @description codename, created_at; prefix "-" for descending.
                 * @example codename
                 */
                ordering?: string;
                /** @description Substring of the codename or name (case-insensitive). */
                search?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PermissionPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postPermissions: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePermission"];
            };
        };
        responses: {
            /** @description Created: Permission. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Permission"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPermissionsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Permission. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Permission"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putPermissionsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePermission"];
            };
        };
        responses: {
            /** @description OK: Permission. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Permission"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deletePermissionsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchPermissionsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePermission"];
            };
        };
        responses: {
            /** @description OK: Permission. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Permission"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postPermissionsByIdRestore: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Permission. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Permission"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProducts: {
        parameters: {
            query?: {
                cursor?: string;
                in_stock?: boolean;
                /** @description Inactive products are only visible to callers with manage_products. */
                is_active?: boolean;
                limit?: number;
                /** @description price, name or created_at; prefix - for descending. Default -created_at. */
                ordering?: string;
                /** @description Case-insensitive match on name, sku and description. */
                search?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postProducts: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProduct"];
            };
        };
        responses: {
            /** @description Created: Product. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProductsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Product. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putProductsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProduct"];
            };
        };
        responses: {
            /** @description OK: Product. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteProductsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchProductsById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProduct"];
            };
        };
        responses: {
            /** @description OK: Product. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRoles: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /**
                 * @description name, created_at; prefix "-" for descending.
                 * @example name
                 */
                ordering?: string;
                /** @description Substring of the name (case-insensitive). */
                search?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postRoles: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRole"];
            };
        };
        responses: {
            /** @description Created: Role. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRolesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Role. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putRolesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRole"];
            };
        };
        responses: {
            /** @description OK: Role. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteRolesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchRolesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateRole"];
            };
        };
        responses: {
            /** @description OK: Role. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postRolesByIdRestore: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: Role. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Role"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getUserRoles: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                role?: string;
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                user?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRolePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postUserRoles: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRole"];
            };
        };
        responses: {
            /** @description Created: UserRole. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRole"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getUserRolesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: UserRole. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserRole"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteUserRolesById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getUsers: {
        parameters: {
            query?: {
                cursor?: string;
                /** @description true: the soft-deleted users instead of the live ones (to find one for POST …/restore/). */
                deleted?: boolean;
                is_active?: boolean;
                limit?: number;
                /**
                 * @description username, email, date_joined; prefix "-" for descending. Default -date_joined.
                 * @example -date_joined
                 */
                ordering?: string;
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                role?: string;
                /** @description Substring of username, email, first or last name (case-insensitive). */
                search?: string;
            };
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postUsers: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUser"];
            };
        };
        responses: {
            /** @description Created: User. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getUsersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: User. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putUsersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplaceUser"];
            };
        };
        responses: {
            /** @description OK: User. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteUsersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchUsersById: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUser"];
            };
        };
        responses: {
            /** @description OK: User. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postUsersByIdRestore: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK: User. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putUsersByIdRoles: {
        parameters: {
            query?: never;
            header?: {
                /** @description The organization (id or slug) to act in. Public endpoints (register, login, password reset…) use it, `default` when absent. A superuser may use it to act in any organization; for everyone else it is ignored (they act in their own). An unknown organization is a 404. */
                "X-Organization"?: components["parameters"]["XOrganization"];
            };
            path: {
                /** @example 01936c4e-7d2a-7b3c-8d4e-5f6a7b8c9d0e */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserRolesBody"];
            };
        };
        responses: {
            /** @description OK: User. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAssetsByFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file (`text/javascript` or `text/css`), `Cache-Control: public, max-age=31536000, immutable`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/css; charset=utf-8": string;
                    "text/javascript; charset=utf-8": string;
                };
            };
            /** @description No such asset in this build. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain; version=0.0.4; charset=utf-8": string;
                };
            };
            /** @description METRICS_TOKEN is set and the request did not carry it. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    getOidcByOrgAny: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint: `.well-known/openid-configuration`, `auth`, `token`, `me` (userinfo), `token/revocation`, `token/introspection`, `session/end`, `jwks`, … */
                "*": string;
                /** @description The organization's slug: its issuer is `${PUBLIC_URL}/oidc/<slug>`. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint's answer (JSON, a redirect, or an HTML page). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No live organization has this slug. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    postOidcByOrgAny: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The endpoint: `.well-known/openid-configuration`, `auth`, `token`, `me` (userinfo), `token/revocation`, `token/introspection`, `session/end`, `jwks`, … */
                "*": string;
                /** @description The organization's slug: its issuer is `${PUBLIC_URL}/oidc/<slug>`. */
                org: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint's answer (JSON, a redirect, or an HTML page). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No live organization has this slug. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    getOidcByOrgInteractionByUid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization's slug: its issuer is `${PUBLIC_URL}/oidc/<slug>`. */
                org: string;
                /** @description The pending interaction (the provider sends the browser here). */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page (no-store; its own Content-Security-Policy). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html; charset=utf-8": string;
                };
            };
        };
    };
    postOidcByOrgInteractionByUidAbort: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization's slug: its issuer is `${PUBLIC_URL}/oidc/<slug>`. */
                org: string;
                /** @description The pending interaction (the provider sends the browser here). */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{"location": "<where the browser continues>"}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No pending interaction of this browser has this uid. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    postOidcByOrgInteractionByUidConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization's slug: its issuer is `${PUBLIC_URL}/oidc/<slug>`. */
                org: string;
                /** @description The pending interaction (the provider sends the browser here). */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{"location": "<where the browser continues>"}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No pending interaction of this browser has this uid. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    getOidcByOrgInteractionByUidDetails: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization's slug: its issuer is `${PUBLIC_URL}/oidc/<slug>`. */
                org: string;
                /** @description The pending interaction (the provider sends the browser here). */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `prompt` (`login` | `consent`), `client.name`, `scopes`, `login_hint`, `organization`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No pending interaction of this browser has this uid. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    postOidcByOrgInteractionByUidLogin: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization's slug: its issuer is `${PUBLIC_URL}/oidc/<slug>`. */
                org: string;
                /** @description The pending interaction (the provider sends the browser here). */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description `{"location": "<where the browser continues>"}` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description No pending interaction of this browser has this uid. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready: every dependency answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        database: "ok" | "down";
                        /**
                         * @description Present when REDIS_URL is set.
                         * @enum {string}
                         */
                        redis?: "ok" | "down";
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                    };
                };
            };
            /** @description Not ready: at least one dependency is `down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        database: "ok" | "down";
                        /**
                         * @description Present when REDIS_URL is set.
                         * @enum {string}
                         */
                        redis?: "ok" | "down";
                        /** @enum {string} */
                        status: "ok" | "unavailable";
                    };
                };
            };
        };
    };
    getResetPassword: {
        parameters: {
            query?: {
                /** @description The organization's slug, for its name in the page heading. */
                org?: string;
                /** @description The single-use token from the email (the page removes it from the address bar and history). */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page (no-store; its own Content-Security-Policy). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html; charset=utf-8": string;
                };
            };
        };
    };
    getVerifyEmail: {
        parameters: {
            query?: {
                /** @description The organization's slug, for its name in the page heading. */
                org?: string;
                /** @description The single-use token from the email (the page removes it from the address bar and history). */
                token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page (no-store; its own Content-Security-Policy). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html; charset=utf-8": string;
                };
            };
        };
    };
}

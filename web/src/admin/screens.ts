/**
 * Every screen of the console, one line each (docs/admin.md): add screens/<name>.tsx
 * exporting a Screen as default, then its line here. The navigation is sorted by `order`.
 */
export { default as users } from './screens/users'
export { default as roles } from './screens/roles'
export { default as developers } from './screens/developers'
export { default as oauthClients } from './screens/oauth-clients'
export { default as products } from './screens/products'
export { default as orders } from './screens/orders'
export { default as audit } from './screens/audit'
export { default as organizations } from './screens/organizations'

/**
 * Every screen of the console, one line each (docs/admin.md): add screens/<name>.tsx
 * exporting a Screen as default, then its line here. The navigation is sorted by `order`.
 */
export { default as users } from './screens/users'
export { default as roles } from './screens/roles'

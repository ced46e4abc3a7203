import { describe, expect, it } from 'vitest'
import { beyondReach, isAdministrator, mayActOn, maySetRoles, type Grantor } from './grants'
import { BUILTIN_CODENAMES } from './permissions'

const who = (permissions: string[], isSuperuser = false): Grantor => ({ type: 'user', id: 'u1', isSuperuser, permissions: new Set(permissions) })

describe('bounds on granting', () => {
  it('a caller reaches exactly the codenames it holds', () => {
    expect(beyondReach(who(['view_users', 'manage_roles']), ['view_users', 'manage_users', 'view_users'])).toEqual(['manage_users'])
    expect(beyondReach(who([]), [])).toEqual([])
  })

  it('superusers and holders of every built-in permission reach custom codenames too', () => {
    expect(isAdministrator(who([], true))).toBe(true)
    expect(isAdministrator(who([...BUILTIN_CODENAMES]))).toBe(true)
    expect(isAdministrator(who(BUILTIN_CODENAMES.slice(1)))).toBe(false)
    expect(beyondReach(who([...BUILTIN_CODENAMES]), ['refund_orders'])).toEqual([])
    expect(beyondReach(who(['manage_roles']), ['refund_orders'])).toEqual(['refund_orders'])
  })

  it('superuser accounts are for superusers; other accounts for whoever holds all their permissions', () => {
    const admin = who([...BUILTIN_CODENAMES])
    expect(mayActOn(admin, { isSuperuser: true, permissions: [] })).toBe(false)
    expect(mayActOn(who([], true), { isSuperuser: true, permissions: [] })).toBe(true)
    expect(mayActOn(who(['manage_users']), { isSuperuser: false, permissions: ['manage_users'] })).toBe(true)
    expect(mayActOn(who(['manage_users']), { isSuperuser: false, permissions: ['manage_users', 'view_audit_log'] })).toBe(false)
    expect(mayActOn(admin, { isSuperuser: false, permissions: ['anything_custom'] })).toBe(true)
  })

  it('setting roles needs manage_user_roles', () => {
    expect(maySetRoles(who(['manage_users', 'manage_developers']))).toBe(false)
    expect(maySetRoles(who(['manage_user_roles']))).toBe(true)
    expect(maySetRoles(who([], true))).toBe(true)
  })
})

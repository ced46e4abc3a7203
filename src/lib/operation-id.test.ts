import { describe, expect, it } from 'vitest'
import { operationIdFor, OperationIds } from './operation-id'

describe('operationIdFor', () => {
  it('is the method and the path in camelCase, without /api/v1, params as By<Param>', () => {
    expect(operationIdFor('GET', '/api/v1/users/')).toBe('getUsers')
    expect(operationIdFor('PATCH', '/api/v1/users/:id/')).toBe('patchUsersById')
    expect(operationIdFor('DELETE', '/api/v1/developers/:id/keys/:keyId/')).toBe('deleteDevelopersByIdKeysByKeyId')
    expect(operationIdFor('POST', '/api/v1/auth/token/refresh/')).toBe('postAuthTokenRefresh')
    expect(operationIdFor('POST', '/api/v1/auth/mfa/totp/confirm/')).toBe('postAuthMfaTotpConfirm')
    expect(operationIdFor('GET', '/admin/*')).toBe('getAdminAny')
  })

  it('splits on any separator and keeps other prefixes', () => {
    expect(operationIdFor('GET', '/.well-known/jwks.json')).toBe('getWellKnownJwksJson')
    expect(operationIdFor('GET', '/api/v1/user-roles/')).toBe('getUserRoles')
    expect(operationIdFor('POST', '/api/auth/users/register/')).toBe('postApiAuthUsersRegister')
    expect(operationIdFor('GET', '/reset_password/:token')).toBe('getResetPasswordByToken')
    expect(operationIdFor('GET', '/api/v1x/')).toBe('getApiV1x')
  })

  it('puts a namespace first', () => {
    expect(operationIdFor('GET', '/products/', 'seed')).toBe('seedGetProducts')
  })

  it('is stable: the same route always gives the same id', () => {
    expect(operationIdFor('get', '/api/v1/orders/:id/')).toBe(operationIdFor('GET', '/api/v1/orders/:id/'))
  })
})

describe('OperationIds', () => {
  it('refuses one id for two routes, and lets a route claim its own id again', () => {
    const ids = new OperationIds()
    expect(ids.claim('getUsers', 'GET', '/api/v1/users/')).toBe('getUsers')
    expect(ids.claim('getUsers', 'get', '/api/v1/users/')).toBe('getUsers')
    expect(() => ids.claim('getUsers', 'GET', '/users/')).toThrow(/already used by GET \/api\/v1\/users\//)
  })
})

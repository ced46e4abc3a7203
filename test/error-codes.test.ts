import { describe, expect, it } from 'vitest'
import { ERROR_CODES, errorCodes, type ErrorCode } from '../src/lib/error-codes'
import { ApiError } from '../src/lib/errors'
import { call, makeApp } from './support/helpers'

const app = await makeApp()
// A route that throws each code of the list, to see what the one error handler makes of it.
app.get('/probe/:code/', { config: { access: 'public' } }, async (req) => {
  throw new ApiError((req.params as { code: ErrorCode }).code)
})
await app.ready()
const doc = (await call(app, 'GET', '/openapi.json')).body

describe('the error codes (src/lib/error-codes.ts)', () => {
  it('give every code an error status and a message; a code not in the list does not compile', () => {
    for (const code of errorCodes) {
      const { status, detail } = ERROR_CODES[code]
      expect(Number.isInteger(status) && status >= 400 && status < 600, code).toBe(true)
      expect(detail.length, code).toBeGreaterThan(0)
    }
    // @ts-expect-error 'teapot' is not in the list
    expect(() => new ApiError('teapot')).toThrow()
  })

  it('are what the error handler answers: the listed status, `{"detail", "code"}` and the listed headers', async () => {
    for (const code of errorCodes) {
      const res = await app.inject({ method: 'GET', url: `/probe/${code}/` })
      const listed: { status: number; detail: string; headers?: Record<string, string> } = ERROR_CODES[code]
      expect(res.statusCode, code).toBe(listed.status)
      expect(res.body, code).toBe(JSON.stringify({ detail: listed.detail, code }))
      for (const [name, value] of Object.entries(listed.headers ?? {})) expect(res.headers[name], `${code} ${name}`).toBe(value)
    }
  })

  it('are the codes the OpenAPI document gives: the Error schema enumerates them, each status response names its own', () => {
    expect(doc.components.schemas.Error.properties.code.enum).toEqual(errorCodes)
    const responses = doc.components.responses as Record<string, { description: string }>
    for (const code of errorCodes) {
      const documented = Object.values(responses).filter((r) => r.description.includes(`\`${code}\``))
      expect(documented.length, code).toBe(1)
    }
    const byStatus = (status: number) => errorCodes.filter((c) => ERROR_CODES[c].status === status)
    expect(responses.Unauthorized.description).toContain(byStatus(401).map((c) => `\`${c}\``).join(', '))
  })
})

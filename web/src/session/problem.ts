import { fieldErrors, NETWORK_ERROR } from '../api'

/** Why a call did not succeed, in words a staff member can act on (401/403/429/503 get their own). */
export interface Problem { status: number; message: string; fields: Record<string, string[]>; retryAfter?: number }

const seconds = (n: number) => (n === 1 ? '1 second' : `${n} seconds`)

/** Retry-After in whole seconds (the API sends seconds), or undefined. */
function retryAfterOf(response: Response): number | undefined {
  const n = Number(response.headers.get('retry-after'))
  return Number.isFinite(n) && n > 0 ? Math.ceil(n) : undefined
}

/** Turns an error response of the typed client into a Problem. */
export function problemOf(response: Response, body: unknown): Problem {
  const fields = fieldErrors(body)
  const detail = fields.non_field_errors?.join(' ')
  const retryAfter = retryAfterOf(response)
  const status = response.status
  if (status === 401) return { status, fields, message: detail ?? 'You are not signed in.' }
  if (status === 403) return { status, fields, message: detail ?? 'You do not have permission to perform this action.' }
  if (status === 404) return { status, fields, message: 'Not found: it may have been deleted, or it belongs to another organization.' }
  if (status === 429) return { status, fields, retryAfter, message: `Too many attempts. Try again in ${seconds(retryAfter ?? 60)}.` }
  if (status === 503) return { status, fields, retryAfter, message: `The service is busy. Try again in ${seconds(retryAfter ?? 5)}.` }
  if (status >= 500) return { status, fields, message: 'The server had a problem. Try again later.' }
  return { status, fields, message: detail ?? (Object.keys(fields).length ? 'Check the highlighted fields.' : 'The request was refused.') }
}

/** A fetch that threw (offline, server down, blocked). */
export const networkProblem = (): Problem => ({ status: 0, fields: {}, message: NETWORK_ERROR })

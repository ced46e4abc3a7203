import { fieldErrors, NETWORK_ERROR } from '../api'

export type Errors = Record<string, string[]>
export type Outcome<T> = { ok: true; data: T } | { ok: false; status: number; errors: Errors }

/**
 * One API call as a form needs it: the data, or the DRF errors by field (a network failure
 * is status 0 with a message). Every account screen calls the API through this.
 */
export async function attempt<T>(call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await call()
    if (response.ok) return { ok: true, data: data as T }
    const errors = fieldErrors(error)
    return { ok: false, status: response.status, errors: Object.keys(errors).length ? errors : { non_field_errors: [`The server answered ${response.status}. Try again later.`] } }
  } catch {
    return { ok: false, status: 0, errors: { non_field_errors: [NETWORK_ERROR] } }
  }
}

/** A timestamp as the shopper's locale writes it. */
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never')

import { v7 } from 'uuid'

/** UUIDv7: time-ordered, so ids double as the creation-order keyset. */
export const newId = (): string => v7()

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const isUuid = (s: string): boolean => UUID_RE.test(s)

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * The id of a request in the logs: the caller's `X-Request-Id` when it is a short token
 * (so a proxy's id follows the request), otherwise a fresh UUID, so a client cannot
 * write kilobytes or look-alike ids into every log line.
 */
export function requestIdFrom(header: string | string[] | undefined, fresh: () => string): string {
  return typeof header === 'string' && REQUEST_ID_RE.test(header) ? header : fresh()
}

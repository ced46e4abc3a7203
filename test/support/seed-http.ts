import type { FastifyInstance } from 'fastify'

export interface Reply { status: number; body: any; headers: Headers }

/**
 * The seed READMEs are curl lines: these tests speak real HTTP to a listening server,
 * with the READMEs' own paths, bodies and headers.
 */
/** `app` comes from makeApp(), which closes it (and so the server) after the file. */
export async function httpClient(app: FastifyInstance) {
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  const base = `http://127.0.0.1:${port}`
  return async (method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.body !== undefined) headers['content-type'] = 'application/json'
    const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) })
    const text = await res.text()
    let body: unknown = text
    try { body = text ? JSON.parse(text) : null } catch { /* not JSON */ }
    return { status: res.status, body, headers: res.headers }
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

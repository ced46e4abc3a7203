/**
 * Regenerates src/schema.ts (the types of every path, operation and schema) from the
 * server's OpenAPI document.
 *
 *   npm run client:generate                     # from the server's code (no server needed)
 *   npm run client:generate -- --from URL|FILE  # from a running server's /openapi.json, or a saved copy
 *
 * Without --from, the document is built in-process on a throwaway embedded database, with
 * SEED_ROUTES=false: the client covers the canonical API (/api/v1/, /.well-known/, the
 * operational endpoints), not the Django-compatible paths. test/client.test.ts fails when
 * the committed file is not what this script produces.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

export const SCHEMA_FILE = fileURLToPath(new URL('./src/schema.ts', import.meta.url))

const HEADER = `/**
 * Generated from the CommerceCore Auth OpenAPI document by openapi-typescript.
 * Do not edit: run \`npm run client:generate\` (test/client.test.ts checks it is current).
 */

`

/** The TypeScript source of src/schema.ts for this OpenAPI document. */
export async function generateClientTypes(document: object): Promise<string> {
  // openapi-typescript reads the document only; a copy keeps the caller's cached one intact.
  const ast = await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0], { alphabetize: true, silent: true })
  return HEADER + astToString(ast)
}

/** The document of the server's own code, with the configuration the client is generated with. */
export async function serverDocument(): Promise<object> {
  const { buildApp } = await import('../../src/app')
  const { loadConfig } = await import('../../src/config')
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cc-client-'))
  try {
    const app = await buildApp(loadConfig({ DATA_DIR: dataDir, SEED_ROUTES: 'false', LOG_LEVEL: 'silent' }), { logger: false })
    try {
      await app.ready()
      return structuredClone(app.swagger())
    } finally {
      await app.close()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function documentFrom(source: string): Promise<object> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source)
    if (!res.ok) throw new Error(`GET ${source}: ${res.status}`)
    return (await res.json()) as object
  }
  return JSON.parse(readFileSync(source, 'utf8')) as object
}

async function main() {
  const at = process.argv.indexOf('--from')
  const document = at > 0 ? await documentFrom(process.argv[at + 1] ?? '') : await serverDocument()
  writeFileSync(SCHEMA_FILE, await generateClientTypes(document))
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PROJECT_ROOT } from '../../lib/project-root'

/**
 * The browser bundle of the hosted pages: web/src/*.tsx (Preact) compiled by esbuild into
 * web/dist/assets/<name>-<hash>.js|css, plus web/dist/manifest.json naming each page's
 * files. `npm run build:web` builds it; the server builds it on start when it is missing
 * or older than its sources, so `npm start` on a fresh clone needs no extra step.
 */
// The order state machine is bundled into the console as the server's own module, so the two cannot disagree.
const WEB_SOURCES = [path.join(PROJECT_ROOT, 'web/src'), path.join(PROJECT_ROOT, 'clients/typescript/src'), path.join(PROJECT_ROOT, 'src/modules/orders/order-status.ts')]
export const WEB_DIST = path.join(PROJECT_ROOT, 'web/dist')
const MANIFEST = path.join(WEB_DIST, 'manifest.json')

/** The pages, by entry name (web/src/<name>.tsx); served where pages.routes.ts says. */
export const PAGE_ENTRIES = ['reset-password', 'verify-email', 'admin', 'account', 'authorize'] as const
export type PageName = (typeof PAGE_ENTRIES)[number]

export interface WebManifest { pages: Record<PageName, { js: string; css: string[] }> }

/** Compiles the pages (minified, one self-contained script per page) and writes the manifest last. */
export async function buildWeb(): Promise<WebManifest> {
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: Object.fromEntries(PAGE_ENTRIES.map((name) => [name, path.join(PROJECT_ROOT, 'web/src', `${name}.tsx`)])),
    outdir: path.join(WEB_DIST, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true, minify: true, format: 'esm', target: 'es2022', platform: 'browser',
    jsx: 'automatic', jsxImportSource: 'preact',
    tsconfig: path.join(PROJECT_ROOT, 'web/tsconfig.json'),
    metafile: true, write: false, logLevel: 'silent', legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' }, // the same bytes (and names) whatever the builder's environment
  })
  // Each file written whole then renamed: test workers (or two instances) building at once
  // write the same bytes under the same names, and a reader never sees half a file.
  mkdirSync(path.join(WEB_DIST, 'assets'), { recursive: true })
  for (const file of result.outputFiles) writeWhole(file.path, file.contents)
  const pages = {} as WebManifest['pages']
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    const name = PAGE_ENTRIES.find((n) => out.entryPoint?.endsWith(`web/src/${n}.tsx`))
    if (name) pages[name] = { js: path.basename(file), css: out.cssBundle ? [path.basename(out.cssBundle)] : [] }
  }
  const manifest: WebManifest = { pages }
  writeWhole(MANIFEST, JSON.stringify(manifest, null, 2)) // last: it names only files already in place
  return manifest
}

function writeWhole(file: string, contents: string | Uint8Array) {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, contents)
  renameSync(tmp, file)
}

const newestMtime = (file: string): number => statSync(file).isDirectory()
  ? readdirSync(file).reduce((max, name) => Math.max(max, newestMtime(path.join(file, name))), 0)
  : statSync(file).mtimeMs

/** True when the manifest is missing, or the sources (where they ship) changed after it. */
export function webBundleStale(): boolean {
  if (!existsSync(MANIFEST)) return true
  // An install without web/src (a packaged build) serves web/dist as it is.
  if (!existsSync(WEB_SOURCES[0])) return false
  const sources = WEB_SOURCES.filter(existsSync)
  return Math.max(...sources.map(newestMtime)) > statSync(MANIFEST).mtimeMs
}

/**
 * The manifest, built first when missing or stale. A failed build with no earlier bundle
 * stops the server (the pages would 404); with one, the earlier bundle is served and the
 * failure reported through `warn`.
 */
export async function loadWebBundle(warn: (err: unknown) => void): Promise<WebManifest> {
  if (webBundleStale()) {
    try {
      return await buildWeb()
    } catch (err) {
      if (!existsSync(MANIFEST)) throw new Error(`The hosted pages could not be built (npm run build:web): ${(err as Error).message}`, { cause: err })
      warn(err)
    }
  }
  return JSON.parse(readFileSync(MANIFEST, 'utf8')) as WebManifest
}

/** The manifest's assets, read once: name → bytes. Names carry a content hash, so a name never changes meaning. */
export function readAssets(manifest: WebManifest): Map<string, Buffer> {
  const names = Object.values(manifest.pages).flatMap((p) => [p.js, ...p.css])
  return new Map(names.map((f) => [f, readFileSync(path.join(WEB_DIST, 'assets', f))]))
}

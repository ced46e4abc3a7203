// Compiles src/ into dist/ (one esbuild bundle per lazily imported part, most packages external),
// and rebuilds whenever the sources changed since the last build, so dist/ is never stale.
// Plain JavaScript: it runs before anything is compiled. `node scripts/build.js` builds now.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
const stampFile = path.join(dist, '.fingerprint')
const lockFile = path.join(dist, '.build-lock')
export const entry = path.join(dist, 'cli.js')

/** Every file the build reads: src/**.ts but tests, the build's own settings, and the lock file (bundled packages). */
function inputs() {
  const files = readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts'))
    .map((f) => path.join(f.parentPath ?? f.path, f.name))
  const settings = ['package.json', 'package-lock.json', 'tsconfig.json'].map((f) => path.join(root, f)).filter((f) => existsSync(f))
  return [...files.sort(), ...settings, fileURLToPath(import.meta.url)]
}

/** Path, size and mtime of every input: a change, an addition or a removal changes it. */
function fingerprint() {
  const hash = createHash('sha256')
  for (const file of inputs()) {
    const s = statSync(file)
    hash.update(`${path.relative(root, file)}\0${s.size}\0${s.mtimeMs}\n`)
  }
  return hash.digest('hex')
}

/**
 * Packages stay in node_modules, except these ESM ones, bundled: Node resolves and links each
 * of a package's files at start (typebox alone is 370 modules, ~0.3 s); esbuild keeps only the
 * code that is used. None of them is also imported by an external package at run time.
 */
const bundled = new Set(['typebox', 'drizzle-orm', 'jose', 'uuid'])
function external() {
  const { dependencies = {}, devDependencies = {} } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  return Object.keys({ ...dependencies, ...devDependencies }).filter((name) => !bundled.has(name)).flatMap((name) => [name, `${name}/*`])
}

const built = (print) => existsSync(entry) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === print

async function build(print) {
  const { build: esbuild } = await import('esbuild')
  for (const name of readdirSync(dist)) if (name !== '.build-lock') rmSync(path.join(dist, name), { recursive: true, force: true })
  await esbuild({
    entryPoints: [path.join(root, 'src/cli.ts')],
    outdir: dist,
    bundle: true,
    splitting: true, // each `await import()` stays lazy: --help does not load the HTTP app
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: external(),
    sourcemap: 'linked', // not enabled at run time; NODE_OPTIONS=--enable-source-maps maps stacks to src/
    logLevel: 'warning',
  })
  writeFileSync(stampFile, print)
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/** One builder at a time (tests start many CLIs at once); the others wait for its result. */
function acquireLock() {
  for (let waited = 0; ; waited += 50) {
    try {
      closeSync(openSync(lockFile, 'wx'))
      return
    } catch (err) {
      if (err.code !== 'EEXIST') throw err
      // A builder that died leaves its lock behind: a build takes well under a minute.
      if (Date.now() - statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs > 60_000) rmSync(lockFile, { force: true })
      if (waited > 120_000) throw new Error(`dist/ is locked by another build (${lockFile})`)
      sleep(50)
    }
  }
}

/** Builds dist/ unless it matches the sources. Without src/ (an installed copy of dist/ alone) there is nothing to check. */
export async function ensureBuilt({ force = false } = {}) {
  if (!existsSync(path.join(root, 'src'))) return entry
  let print = fingerprint()
  if (!force && built(print)) return entry
  mkdirSync(dist, { recursive: true })
  acquireLock()
  try {
    print = fingerprint()
    if (force || !built(print)) {
      if (process.stderr.isTTY) process.stderr.write('commercecore: compiling src/ into dist/\n')
      await build(print)
    }
  } finally {
    rmSync(lockFile, { force: true })
  }
  return entry
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = performance.now()
  await ensureBuilt({ force: true })
  console.log(`dist/ built in ${Math.round(performance.now() - t)} ms`)
}

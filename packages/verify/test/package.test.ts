import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

/**
 * What a shop installs is the compiled package (`npm pack` builds it with
 * tsconfig.build.json), not these sources: build it the same way and load every entry
 * point of its `exports` map with plain Node, as import and as require.
 */
const pkgDir = fileURLToPath(new URL('..', import.meta.url))
const tsc = path.join(pkgDir, '../../node_modules/typescript/bin/tsc')
// Inside the package, so the built files resolve `jose` as an installed package would.
const outDir = mkdtempSync(path.join(pkgDir, '.build-'))
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }> }
const node = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: pkgDir, encoding: 'utf8', timeout: 30_000 })

describe('the built package', () => {
  it('compiles with the build configuration and loads from every exported entry point', () => {
    const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: pkgDir, encoding: 'utf8', timeout: 120_000 })
    expect(built.stdout + built.stderr).toBe('')
    expect(built.status).toBe(0)
    const expected: Record<string, string[]> = { '.': ['createVerifier', 'hasPermission', 'VerificationError', 'bearerToken', 'rejectionOf'], './express': ['authenticate', 'requirePermission'], './fastify': ['authenticate', 'requirePermission'] }
    expect(Object.keys(pkg.exports).sort()).toEqual(Object.keys(expected).sort())
    for (const [entry, names] of Object.entries(expected)) {
      const file = path.join(outDir, path.relative('dist', pkg.exports[entry].default))
      const types = path.join(outDir, path.relative('dist', pkg.exports[entry].types))
      expect(readFileSync(types, 'utf8'), entry).toContain('export')
      const loaded = node(`const m = await import(${JSON.stringify(file)}); const { createRequire } = await import('node:module');
        const r = createRequire(import.meta.url)(${JSON.stringify(file)}); console.log(JSON.stringify([Object.keys(m).sort(), Object.keys(r).sort()]))`)
      expect(loaded.stderr, entry).toBe('')
      const [imported, required] = JSON.parse(loaded.stdout) as string[][]
      for (const name of names) {
        expect(imported, entry).toContain(name)
        expect(required, entry).toContain(name)
      }
    }
  }, 150_000)
})

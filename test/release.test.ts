import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')
const pkg = JSON.parse(read('package.json')) as { version: string; license: string }

/** Every Markdown file of the repository's documentation. */
const markdownFiles = ['.', 'docs', 'bench'].flatMap((dir) =>
  readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.md')).map((f) => path.join(dir, f)))

/** Markdown without code blocks and code spans (a link inside code is not a link). */
const prose = (md: string) => md.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '')

/** Targets of inline links and images (`[t](x)`, `![a](x "title")`) and of reference definitions (`[r]: x`). */
function linkTargets(md: string): string[] {
  const text = prose(md)
  const inline = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1])
  const references = [...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1])
  return [...inline, ...references]
}

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces to hyphens, `-1`, `-2` for repeats. */
function anchors(md: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  for (const [, heading] of md.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = heading.toLowerCase().replace(/<[^>]+>/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.add(n ? `${base}-${n}` : base)
  }
  return out
}

/** Why a link of `file` is broken, or null. External links are not fetched (tests stay offline). */
function brokenLink(file: string, target: string): string | null {
  if (/^(https?:|mailto:)/i.test(target)) return null
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return 'unexpected URL scheme'
  const [rawPath, anchor] = target.split('#', 2)
  const resolved = rawPath ? path.resolve(root, path.dirname(file), decodeURIComponent(rawPath)) : path.join(root, file)
  const inside = path.relative(root, resolved)
  if (inside.startsWith('..') || path.isAbsolute(inside)) return 'points outside the repository'
  if (!existsSync(resolved)) return 'no such file'
  if (anchor && resolved.endsWith('.md') && !anchors(readFileSync(resolved, 'utf8')).has(anchor.toLowerCase())) return `no heading #${anchor}`
  return null
}

describe('documentation links', () => {
  it('finds the documents and their links (the checker itself works)', () => {
    expect(markdownFiles).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md', 'DEVELOPERS.md', path.join('docs', 'security.md')]))
    expect(linkTargets('see [a](docs/x.md#y) and ![i](img.png "t"), not `[c](code.md)`\n\n[r]: ../shared/SPEC.md\n')).toEqual(['docs/x.md#y', 'img.png', '../shared/SPEC.md'])
    expect(anchors('# The `secret` key\n## HTTP hardening\n## HTTP hardening\n```\n# not a heading\n```\n')).toEqual(new Set(['the-secret-key', 'http-hardening', 'http-hardening-1']))
    expect(brokenLink('README.md', '../shared/SPEC.md')).toBe('points outside the repository')
    expect(brokenLink('README.md', 'docs/nope.md')).toBe('no such file')
    expect(brokenLink('README.md', 'docs/security.md#no-such-heading')).toBe('no heading #no-such-heading')
    expect(brokenLink('docs/rbac.md', '../README.md#operations')).toBeNull()
  })

  it('every relative link in README.md, CHANGELOG.md, DEVELOPERS.md, docs/ and bench/ resolves inside the repository', () => {
    const broken = markdownFiles.flatMap((file) => linkTargets(read(file))
      .map((target) => ({ file, target, why: brokenLink(file, target) }))
      .filter((l) => l.why))
    expect(broken).toEqual([])
  })

  it('README links the changelog and the license, and the API reference is served, not linked elsewhere', () => {
    const targets = linkTargets(read('README.md'))
    expect(targets).toEqual(expect.arrayContaining(['CHANGELOG.md', 'LICENSE']))
    expect(read('README.md')).toContain('/openapi.json')
  })
})

describe('release metadata', () => {
  it('LICENSE is the Apache License 2.0 of the CommerceCore Auth contributors, as package.json says', () => {
    const license = read('LICENSE')
    expect(license).toContain('Apache License\n                           Version 2.0, January 2004')
    expect(license).toContain('END OF TERMS AND CONDITIONS')
    expect(license).toMatch(/Copyright 20\d\d CommerceCore Auth contributors/)
    expect(pkg.license).toBe('Apache-2.0')
  })

  it('CHANGELOG.md has an Unreleased section and a dated entry for the current version', () => {
    const changelog = read('CHANGELOG.md')
    expect(changelog).toContain('## [Unreleased]')
    expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'))
    expect(changelog.indexOf('## [Unreleased]')).toBeLessThan(changelog.indexOf(`## [${pkg.version}]`))
  })

  it('commercecore --version and -v print the version without touching a database or the data directory', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'cc-version-')), 'never-created')
    for (const flag of ['--version', '-v']) {
      const r = spawnSync(process.execPath, ['bin/commercecore.js', flag], {
        cwd: root, encoding: 'utf8', timeout: 60_000,
        env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/unreachable', DATA_DIR: dataDir, REDIS_URL: 'redis://127.0.0.1:1' },
      })
      expect(r.stderr).toBe('')
      expect(r.status).toBe(0)
      expect(r.stdout).toBe(`commercecore ${pkg.version}\n`)
    }
    expect(existsSync(dataDir)).toBe(false)
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { settings } from '../src/config'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('documents every setting in the configuration table', () => {
    for (const s of Object.values(settings)) expect(readme, s.env).toContain(`| \`${s.env}\` |`)
  })

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm install && npm start')
    expect(readme).toContain('npm test')
  })

  it('links documents that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?:docs|bench)\/[^)#]+|DEVELOPERS\.md)\)/g)) {
      expect(() => readFileSync(new URL(`../${target}`, import.meta.url)), target).not.toThrow()
    }
  })
})

import type { FormatName } from 'ajv-formats'
import { RE2JS, RE2JSException } from 're2js'

/**
 * What a tenant's `profile_schema` may contain. Anonymous users' profiles are validated
 * against it on the shared event loop, so the cost of one validation must stay bounded
 * whatever the organization admin writes: patterns run on RE2 (linear time, see
 * profile.ts), and these rules bound everything else that could grow with the schema.
 * The walk looks at every object in the schema, not only at schema positions: a `$ref`
 * may point anywhere in the document, and counting too much is the safe side.
 */
const PROFILE_SCHEMA_LIMITS = {
  /** Serialized size of the schema (UTF-8 JSON). */
  bytes: 16_384,
  /** Nesting of objects and arrays. */
  depth: 32,
  /** `pattern` strings plus `patternProperties` keys. */
  regexes: 16,
  /** Length of one regular expression. */
  regexLength: 1_000,
  /** Objects and arrays after following every `$ref` (a `$ref` graph can fan out exponentially). */
  expandedNodes: 10_000,
  /** `maxItems` required next to `uniqueItems` when items are not scalars (ajv compares those pairwise). */
  uniqueItems: 100,
}

/** Every ajv-formats format except `regex`, which would compile a user's value as a backtracking JavaScript RegExp. */
export const PROFILE_FORMATS: FormatName[] = [
  'date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'duration', 'uri', 'uri-reference', 'uri-template', 'url',
  'email', 'hostname', 'ipv4', 'ipv6', 'uuid', 'json-pointer', 'json-pointer-uri-fragment', 'relative-json-pointer',
  'byte', 'int32', 'int64', 'float', 'double', 'password', 'binary',
]
/**
 * A JSON Schema pattern (ECMA-262 syntax) compiled by RE2, which matches in time linear in
 * the input. RE2 has no lookaround or backreferences, the features that need backtracking.
 */
export const re2Pattern = (pattern: string) => RE2JS.compile(RE2JS.translateRegExp(pattern))

const formats = new Set<string>(PROFILE_FORMATS)
const SCALARS = new Set(['string', 'number', 'integer', 'boolean', 'null'])

type Node = Record<string, unknown> | unknown[]
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null

/** Why `schema` breaks the rules above, or undefined. JSON Schema validity itself is ajv's job. */
export function profileSchemaProblem(schema: Record<string, unknown>): string | undefined {
  const { bytes, depth } = PROFILE_SCHEMA_LIMITS
  if (Buffer.byteLength(JSON.stringify(schema)) > bytes) return `The schema must not be larger than ${bytes} bytes as JSON.`
  if (tooDeep(schema, depth)) return `The schema must not nest objects and arrays more than ${depth} levels deep.`
  return new Walk(schema).run()
}

function tooDeep(node: unknown, left: number): boolean {
  if (!isNode(node)) return false
  if (left === 0) return true
  return Object.values(node).some((child) => tooDeep(child, left - 1))
}

class Walk {
  private regexes = 0
  private problem: string | undefined
  /** Expanded size of each finished node; a node in `open` is being expanded (a `$ref` back to it is a cycle). */
  private readonly sizes = new Map<Node, number>()
  private readonly open = new Set<Node>()

  constructor(private readonly root: Record<string, unknown>) {}

  run(): string | undefined {
    const size = this.expand(this.root)
    if (!this.problem && size > PROFILE_SCHEMA_LIMITS.expandedNodes) {
      this.problem = `The schema must not expand to more than ${PROFILE_SCHEMA_LIMITS.expandedNodes} objects once every $ref is followed.`
    }
    return this.problem
  }

  private expand(node: Node): number {
    const known = this.sizes.get(node)
    if (known !== undefined) return known
    if (this.open.has(node)) return this.fail('$ref must not be recursive.')
    this.open.add(node)
    let size = 1
    if (!Array.isArray(node)) {
      this.checkKeywords(node)
      if (typeof node.$ref === 'string') size += this.follow(node.$ref)
    }
    for (const child of Object.values(node)) {
      if (this.problem || size > PROFILE_SCHEMA_LIMITS.expandedNodes) break
      if (isNode(child)) size += this.expand(child)
    }
    this.open.delete(node)
    this.sizes.set(node, size)
    return size
  }

  private follow(ref: string): number {
    if (ref !== '#' && !ref.startsWith('#/')) return this.fail(`$ref must point into the same schema ("#/…"), got "${ref}".`)
    const target = resolvePointer(this.root, ref)
    // An unresolvable $ref is left to ajv, which rejects it with its own message.
    return isNode(target) ? this.expand(target) : 0
  }

  private checkKeywords(node: Record<string, unknown>) {
    const { regexes, regexLength, uniqueItems } = PROFILE_SCHEMA_LIMITS
    const patterns = [
      ...(typeof node.pattern === 'string' ? [node.pattern] : []),
      ...(isNode(node.patternProperties) && !Array.isArray(node.patternProperties) ? Object.keys(node.patternProperties) : []),
    ]
    this.regexes += patterns.length
    if (this.regexes > regexes) this.fail(`The schema must not have more than ${regexes} patterns (pattern and patternProperties).`)
    const long = patterns.find((p) => p.length > regexLength)
    if (long !== undefined) this.fail(`A pattern must not be longer than ${regexLength} characters.`)
    for (const p of this.problem ? [] : patterns) {
      try { re2Pattern(p) } catch (err) {
        if (!(err instanceof RE2JSException)) throw err
        this.fail(`pattern "${p}" is not supported (RE2 syntax: no lookaround or backreferences): ${err.message}`)
      }
    }
    if (typeof node.format === 'string' && !formats.has(node.format)) this.fail(`format "${node.format}" is not supported.`)
    if (typeof node.$id === 'string' && node !== this.root) this.fail('$id is only allowed at the top of the schema.')
    if (node.uniqueItems === true && !scalarItems(node.items) && !(typeof node.maxItems === 'number' && node.maxItems <= uniqueItems)) {
      this.fail(`uniqueItems needs "maxItems" of at most ${uniqueItems}, or items of a scalar "type".`)
    }
  }

  private fail(message: string): number {
    this.problem ??= message
    return 0
  }
}

/** ajv compares items of a scalar type through a hash (linear); anything else pairwise (quadratic). */
function scalarItems(items: unknown): boolean {
  if (!isNode(items) || Array.isArray(items)) return false
  const types = Array.isArray(items.type) ? items.type : [items.type]
  return types.length > 0 && types.every((t) => typeof t === 'string' && SCALARS.has(t))
}

/** `#/a/b~1c` → root.a['b/c']; undefined when a step is missing or the pointer is malformed. */
function resolvePointer(root: unknown, ref: string): unknown {
  let node = root
  for (const raw of ref === '#' ? [] : ref.slice(2).split('/')) {
    let key: string
    try { key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~') } catch { return undefined }
    if (!isNode(node) || !Object.hasOwn(node, key)) return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

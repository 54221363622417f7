// The repo's Frontend API schemas (schemas.mjs) against Clerk's published spec, when it is here
// (../shared/clerk/fapi-2026-05-12.yml beside the repository): every operation exists with its
// method, every form field is one the spec's request body names, with its type, every answer's
// status is one the spec lists, and every property of every answer's schema is the spec's, with
// its type and values; a complete object schema requires at least what the spec requires.
// Without the spec the test says it skipped and why.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve as resolvePath } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { ClerkErrors, operations } from './schemas.mjs'

// `../shared/clerk/` beside the repository; for a git worktree, beside its main checkout too.
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const FILE = join('shared', 'clerk', 'fapi-2026-05-12.yml')
const candidates = [join(ROOT, '..', FILE)]
try {
  const common = execFileSync('git', ['rev-parse', '--git-common-dir'], { cwd: ROOT, encoding: 'utf8' }).trim()
  candidates.push(join(dirname(dirname(resolvePath(ROOT, common))), FILE))
} catch {}
const SPEC = candidates.find((path) => existsSync(path)) ?? candidates[0]
const present = existsSync(SPEC)
const skip = present ? false : `Clerk's spec is not at ${SPEC} (it is beside the repository in development and CI)`
if (!present) console.log(`# spec conformance skipped: ${skip}`)
const spec = present ? parse(readFileSync(SPEC, 'utf8')) : null

/** A spec schema with $refs followed and allOf merged into one object. */
function resolve(schema) {
  if (!schema) return schema
  if (schema.$ref)
    return resolve(
      schema.$ref
        .split('/')
        .slice(1)
        .reduce((node, key) => node[key], spec),
    )
  if (!schema.allOf) return schema
  const merged = {
    ...schema,
    allOf: undefined,
    properties: { ...schema.properties },
    required: [...(schema.required ?? [])],
  }
  for (const part of schema.allOf.map(resolve)) {
    Object.assign(merged.properties, part.properties)
    merged.required.push(...(part.required ?? []))
    merged.type ??= part.type
    merged.nullable ||= part.nullable
    merged.enum ??= part.enum
    merged.items ??= part.items
  }
  return merged
}

const typesOf = (schema) => [schema.type ?? []].flat()
const specTypes = (schema) => [...typesOf(schema), ...(schema.nullable ? ['null'] : [])]

/** Differences between one of ours and the spec's schema at `at`; none means ours conforms. */
function compare(ours, theirs, at, out = []) {
  theirs = resolve(theirs)
  if (!theirs) return (out.push(`${at}: the spec has no schema here`), out)
  const allowed = specTypes(theirs)
  for (const type of typesOf(ours)) {
    const fits = allowed.length === 0 || allowed.includes(type) || (type === 'integer' && allowed.includes('number'))
    if (!fits) out.push(`${at}: type ${type}, the spec says ${allowed.join('|')}`)
  }
  if (ours.enum && theirs.enum) {
    for (const value of ours.enum)
      if (value !== null && !theirs.enum.includes(value)) out.push(`${at}: value ${value} is not in the spec's enum`)
  }
  if (ours.properties) {
    const known = { ...theirs.properties }
    for (const [name, schema] of Object.entries(ours.properties)) {
      if (known[name]) compare(schema, known[name], `${at}.${name}`, out)
      else if (!(theirs.required ?? []).includes(name)) out.push(`${at}.${name}: not a property of the spec's schema`)
    }
    if (!ours['x-partial']) {
      for (const name of theirs.required ?? [])
        if (!ours.required?.includes(name)) out.push(`${at}: the spec requires ${name}`)
    }
  }
  if (ours.items) compare(ours.items, theirs.items, `${at}[]`, out)
  return out
}

/**
 * An operation's own query parameters against the spec's: each is one of the spec's `in: query`
 * parameters with its type and values, or named in `x-sdk` (sent by Clerk's SDKs, not in the
 * spec) and then truly absent from the spec's.
 */
function compareQuery(ours, parameters) {
  const out = []
  const theirs = Object.fromEntries(
    parameters
      .map(resolve)
      .filter((p) => p.in === 'query')
      .map((p) => [p.name, p]),
  )
  const sdk = ours['x-sdk'] ?? []
  for (const [name, schema] of Object.entries(ours.properties)) {
    if (sdk.includes(name)) {
      if (theirs[name]) out.push(`query.${name}: the spec has it now; take it out of x-sdk`)
    } else if (!theirs[name]) out.push(`query.${name}: not a query parameter of the spec`)
    else compare(schema, theirs[name].schema, `query.${name}`, out)
  }
  return out
}

describe("the repo's schemas against Clerk's spec (fapi/2026-05-12.yml)", { skip }, () => {
  for (const op of operations) {
    test(`${op.method} ${op.path} (${op.id})`, () => {
      const operation = spec.paths[op.path]?.[op.method.toLowerCase()]
      assert.ok(operation, `the spec has ${op.method} ${op.path}`)
      assert.equal(operation.operationId, op.id)
      const body = resolve(operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema)
      const problems = []
      for (const [name, schema] of Object.entries(op.form.properties)) {
        if (!body?.properties?.[name]) problems.push(`form field ${name}: the spec's request body has no such field`)
        else compare(schema, body.properties[name], `form.${name}`, problems)
      }
      if (op.query) problems.push(...compareQuery(op.query, operation.parameters ?? []))
      for (const [status, schema] of Object.entries(op.responses)) {
        const answer = operation.responses[status]
        if (!answer) {
          problems.push(`the spec lists no ${status} answer`)
          continue
        }
        const content = resolve(answer)?.content?.['application/json']?.schema
        // An answer the spec describes without a body schema (POST /v1/dev_browser): nothing to compare.
        if (content) compare(schema, content, `${status}`, problems)
      }
      assert.deepEqual(problems, [])
    })
  }

  test("ClerkErrors is the spec's error body", () => {
    assert.deepEqual(compare(ClerkErrors, spec.components.schemas.ClerkErrors, 'ClerkErrors'), [])
  })

  test('the query comparison catches a parameter the spec lacks and an x-sdk one it has', () => {
    const op = operations.find((o) => o.id === 'handshakeClient')
    const parameters = spec.paths[op.path].get.parameters
    const withExtra = { ...op.query, properties: { ...op.query.properties, redirectUrl: { type: 'string' } } }
    assert.deepEqual(compareQuery(withExtra, parameters), ['query.redirectUrl: not a query parameter of the spec'])
    const claimed = { ...op.query, 'x-sdk': [...op.query['x-sdk'], 'format'] }
    assert.deepEqual(compareQuery(claimed, parameters), ['query.format: the spec has it now; take it out of x-sdk'])
  })

  test('the comparison catches a camelCase field and a missing required one', () => {
    const op = operations.find((o) => o.id === 'createSessionToken')
    const body = resolve(spec.paths[op.path].post.requestBody.content['application/x-www-form-urlencoded'].schema)
    assert.equal(body.properties.organizationId, undefined)
    const client = operations.find((o) => o.id === 'getClient').responses[200].properties.response
    const withoutUpdatedAt = { ...client, required: client.required.filter((n) => n !== 'updated_at') }
    assert.deepEqual(compare(withoutUpdatedAt, spec.components.schemas['Client.Client-2'], 'client'), [
      'client: the spec requires updated_at',
    ])
    const camel = { ...client, properties: { ...client.properties, lastActiveSessionId: { type: 'string' } } }
    assert.deepEqual(compare(camel, spec.components.schemas['Client.Client-2'], 'client'), [
      "client.lastActiveSessionId: not a property of the spec's schema",
    ])
  })
})

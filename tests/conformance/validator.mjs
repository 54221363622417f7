// Holds Frontend API exchanges (a request and the dev server's answer, as dev-server/server.mjs
// shows them to `observe`) to the repo's schemas (schemas.mjs), with ajv. A request from wasm-auth
// must be exactly one the spec allows: known operation, spec form fields only, the transport's
// query parameters only. clerk-js (known by its `_clerk_js_version`) may send fields the spec does
// not list (it does: `tab_state`); they are noted, not held against it. Every answer must match
// its schema, whoever asked.
import Ajv from 'ajv'
import { ClerkErrors, clerkJsQuery, operations, transportQuery } from './schemas.mjs'

const ajv = new Ajv({ allErrors: true, strict: false })
// An operation's query: the transport's parameters and the operation's own (its `query`).
const withOwnQuery = (transport, own) =>
  own ? { ...transport, properties: { ...transport.properties, ...own.properties } } : transport
const compiled = operations.map((op) => ({
  ...op,
  pattern: new RegExp(`^${op.path.replace(/\{[a-z_]+\}/g, '[^/]+')}$`),
  query: ajv.compile(withOwnQuery(transportQuery, op.query)),
  clerkJsQuery: ajv.compile(withOwnQuery(clerkJsQuery, op.query)),
  form: ajv.compile(op.form),
  lenientForm: ajv.compile({ ...op.form, additionalProperties: true }),
  responses: Object.fromEntries(Object.entries(op.responses).map(([status, schema]) => [status, ajv.compile(schema)])),
}))
const errorsBody = ajv.compile(ClerkErrors)

const MALFORMED = new Set([
  'malformed_request_body',
  'form_param_missing',
  'form_param_format_invalid',
  'form_param_unknown',
])

const describe = (validate) => ajv.errorsText(validate.errors, { separator: '; ' })

/**
 * The problems of one exchange `{ method, path, query, form, status, body }` (empty when it
 * conforms), and `notes` on what clerk-js sent beyond the spec.
 */
export function checkExchange({ method, path, query: params, form, status, body }) {
  const problems = []
  const notes = []
  const where = `${method} ${path}`
  const op = compiled.find((o) => o.method === method && o.pattern.test(path))
  const fromClerkJs = '_clerk_js_version' in params
  if (!op) {
    // Not an operation of this repo: only an error answer is allowed (an unknown route's 404).
    if (status < 400) problems.push(`${where}: not an operation of tests/conformance/schemas.mjs`)
    else if (!errorsBody(body)) problems.push(`${where} ${status}: ${describe(errorsBody)}`)
    return { problems, notes }
  }
  // A request the server itself refused as malformed is no silent break of the spec: only its
  // answer, Clerk's error body, is checked (the suites send such requests on purpose).
  if (status === 400 && MALFORMED.has(body?.errors?.[0]?.code)) {
    if (!errorsBody(body)) problems.push(`${where} ${status}: ${describe(errorsBody)}`)
    return { problems, notes }
  }
  const queryCheck = fromClerkJs ? op.clerkJsQuery : op.query
  if (!queryCheck(params)) problems.push(`${where} query: ${describe(queryCheck)}`)
  if (!op.form(form)) {
    if (fromClerkJs && op.lenientForm(form)) notes.push(`${where}: clerk-js sends ${Object.keys(form).join(', ')}`)
    else problems.push(`${where} form ${JSON.stringify(form)}: ${describe(op.form)}`)
  }
  // 429 and 5xx are the transport's (rate limits, outages): any operation may answer them.
  const validate = op.responses[status] ?? (status === 429 || status >= 500 ? errorsBody : null)
  if (!validate) problems.push(`${where}: the spec lists no ${status} answer`)
  else if (!validate(body)) problems.push(`${where} ${status}: ${describe(validate)}`)
  return { problems, notes }
}

/** A recorder for a dev server's `observe` option. */
export function createConformanceLog() {
  const problems = []
  const notes = new Set()
  let exchanges = 0
  return {
    observe(exchange) {
      exchanges += 1
      const result = checkExchange(exchange)
      problems.push(...result.problems)
      for (const note of result.notes) notes.add(note)
    },
    get exchanges() {
      return exchanges
    },
    problems: () => [...problems],
    notes: () => [...notes],
  }
}

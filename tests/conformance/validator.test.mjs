// The validator that holds every exchange of the test suites to the repo's schemas: it must catch
// what it is there to catch.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkExchange } from './validator.mjs'
import { API_VERSION } from './schemas.mjs'

const query = { __clerk_api_version: API_VERSION }
const token = (form, extra = {}) => ({
  method: 'POST',
  path: '/v1/client/sessions/sess_1/tokens',
  query: { ...query, ...extra },
  form,
  status: 200,
  body: { jwt: 'a.b.c' },
})

describe('the conformance validator', () => {
  test('passes a token request as the spec names it', () => {
    assert.deepEqual(checkExchange(token({ organization_id: 'org_1' })).problems, [])
    assert.deepEqual(checkExchange(token({})).problems, [])
  })

  test('catches a camelCase organizationId', () => {
    const { problems } = checkExchange(token({ organizationId: 'org_1' }))
    assert.equal(problems.length, 1)
    assert.match(problems[0], /tokens form \{"organizationId":"org_1"\}: data must NOT have additional properties/)
  })

  test('catches a query parameter the transport does not have, and another API version', () => {
    assert.match(checkExchange(token({}, { organizationId: 'x' })).problems[0], /query: /)
    const { problems } = checkExchange(token({}, { __clerk_api_version: '2021-02-05' }))
    assert.match(problems[0], /query: data\/__clerk_api_version must be equal to one of the allowed values/)
  })

  test("notes, but allows, clerk-js's fields beyond the spec", () => {
    const { problems, notes } = checkExchange(
      token({ organization_id: '', tab_state: 'focused' }, { _clerk_js_version: '6.40.0' }),
    )
    assert.deepEqual(problems, [])
    assert.deepEqual(notes, ['POST /v1/client/sessions/sess_1/tokens: clerk-js sends organization_id, tab_state'])
  })

  test('catches an answer that is not its schema: a missing field, a wrong type, an extra field', () => {
    const client = { method: 'GET', path: '/v1/client', query, form: {}, status: 200 }
    assert.match(
      checkExchange({ ...client, body: { response: null } }).problems[0],
      /must have required property 'client'/,
    )
    assert.match(
      checkExchange({ ...client, body: { response: 1, client: null } }).problems[0],
      /response must be object,null/,
    )
    const extra = { ...token({}), body: { jwt: 'a.b.c', object: 'token' } }
    assert.match(checkExchange(extra).problems[0], /must NOT have additional properties/)
  })

  test("catches a status the spec does not list, and an error that is not Clerk's shape", () => {
    const touch = { method: 'POST', path: '/v1/client/sessions/s/touch', query, form: {} }
    assert.match(checkExchange({ ...touch, status: 409, body: { errors: [] } }).problems[0], /lists no 409 answer/)
    const bad = checkExchange({ ...touch, status: 403, body: { error: 'no' } }).problems[0]
    assert.match(bad, /must have required property 'errors'/)
    const outage = checkExchange({
      ...touch,
      status: 503,
      body: { errors: [{ code: 'x', message: 'x', long_message: 'x' }] },
    })
    assert.deepEqual(outage.problems, [], "any operation may answer a 5xx in Clerk's shape")
  })

  test("the handshake: its own query beside the transport's, a redirect without a body", () => {
    const handshake = {
      method: 'GET',
      path: '/v1/client/handshake',
      query: {
        redirect_url: 'http://127.0.0.1:3000/',
        __clerk_api_version: '2025-11-10', // @clerk/backend sends its own version
        suffixed_cookies: 'false',
        __clerk_hs_reason: 'dev-browser-missing',
        format: 'nonce',
        __clerk_db_jwt: 'dvb_1',
      },
      form: {},
      status: 307,
      body: null,
    }
    assert.deepEqual(checkExchange(handshake).problems, [])
    assert.match(checkExchange({ ...handshake, body: {} }).problems[0], /307: data must be null/)
    const unknownFormat = { ...handshake, query: { ...handshake.query, format: 'cookie' } }
    assert.match(checkExchange(unknownFormat).problems[0], /query: data\/format must be equal to one of the allowed/)
    const elsewhere = token({}, { suffixed_cookies: 'true' })
    assert.match(checkExchange(elsewhere).problems[0], /query: /, "another operation's query stays the transport's")
  })

  test('an operation outside the schemas may only fail', () => {
    const unknown = { method: 'GET', path: '/v1/me', query, form: {} }
    assert.match(checkExchange({ ...unknown, status: 200, body: {} }).problems[0], /not an operation/)
    const notFound = { errors: [{ code: 'resource_not_found', message: 'x', long_message: 'x' }] }
    assert.deepEqual(checkExchange({ ...unknown, status: 404, body: notFound }).problems, [])
  })
})

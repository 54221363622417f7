// The auth object's shapes on the React side: one has() per store state, shared by every
// useAuth() that renders it; Clerk's rule that undefined means unknown (not loaded) and null
// signed out; the typed error outside a provider; the store's states, from the fields of
// src/abi.rs.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import { AuthError, createAuthClient } from 'wasm-auth'
import { AuthProvider, useAuth } from 'wasm-auth/react'
import { FIELDS, SESSION_CLAIMS } from '../../pkg/abi.js'

const FRONTEND_API = 'http://127.0.0.1:9' // never contacted: effects do not run in server rendering
const signedIn = {
  sessionId: 'sess_1',
  userId: 'user_1',
  sessionClaims: { sub: 'user_1', sid: 'sess_1', fea: 'o:reports' },
  orgId: 'org_1',
  orgRole: 'org:admin',
  orgPermissions: ['org:reports:read'],
}

/** What each of `count` components' useAuth() returned, in one server render. */
function renderAll(initialState, count) {
  const seen = []
  const Probe = () => {
    seen.push(useAuth())
    return null
  }
  const children = Array.from({ length: count }, (_, i) => h(Probe, { key: i }))
  renderToString(h(AuthProvider, { frontendApi: FRONTEND_API, initialState }, children))
  return seen
}

describe('has() is built once per state', () => {
  test('every useAuth() of one state shares its has()', () => {
    const seen = renderAll(signedIn, 50)
    assert.equal(seen.length, 50)
    assert.ok(
      seen.every((auth) => auth.has === seen[0].has),
      'one has() for all 50 components',
    )
    assert.equal(seen[0].has({ role: 'admin', permission: 'org:reports:read' }), true)
    assert.equal(seen[0].has({ feature: 'reports' }), true)
  })

  test('another state gets its own has(), answering from that state', () => {
    const [inOrg] = renderAll(signedIn, 1)
    const [personal] = renderAll({ ...signedIn, orgId: null, orgRole: null }, 1)
    assert.notEqual(inOrg.has, personal.has)
    assert.equal(personal.has({ role: 'admin' }), false)
    assert.equal(personal.has({ feature: 'reports' }), true)
  })
})

describe("Clerk's shape rule: undefined is unknown, null is signed out", () => {
  test('sessionId and userId both undefined render not loaded', () => {
    for (const initialState of [{}, { sessionId: undefined, userId: undefined }, { orgId: 'org_1' }]) {
      const [auth] = renderAll(initialState, 1)
      assert.equal(auth.isLoaded, false, JSON.stringify(initialState))
      assert.equal(auth.userId, undefined)
      assert.equal(auth.has({ role: 'admin' }), false)
    }
  })

  test('sessionId and userId null render signed out', () => {
    const [auth] = renderAll({ sessionId: null, userId: null }, 1)
    assert.deepEqual([auth.isLoaded, auth.isSignedIn, auth.userId], [true, false, null])
  })

  test("the store's state follows the same rule", () => {
    const state = (initialState) => createAuthClient({ frontendApi: FRONTEND_API, initialState }).getState()
    const KEYS = ['isLoaded', SESSION_CLAIMS, ...FIELDS, 'status', 'error']
    assert.deepEqual(Object.keys(state({})), KEYS)
    assert.equal(state({}).isLoaded, false)
    assert.deepEqual([state({}).status, state({}).error], ['loading', null], 'not loaded yet: loading')
    const signedOut = state({ sessionId: null, userId: null })
    assert.deepEqual(Object.keys(signedOut), KEYS)
    assert.ok(
      Object.values(signedOut)
        .slice(1, -2)
        .every((value) => value === null),
    )
    assert.deepEqual(
      [signedOut.status, signedOut.error],
      ['loading', null],
      "the server's state, the client still to load",
    )
    assert.equal(state(signedIn).orgRole, 'org:admin')
  })
})

test('useAuth() outside <AuthProvider> throws an AuthError with a code', () => {
  const Lost = () => useAuth()
  assert.throws(
    () => renderToString(h(Lost)),
    (e) => e instanceof AuthError && e.code === 'provider-missing' && /inside <AuthProvider>/.test(e.message),
  )
})

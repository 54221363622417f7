// wasm-auth/react rendered by real React on the server (react-dom/server): the four documented
// shapes, SSR from initialState, the error outside a provider, and a differential test against
// Clerk's own useDerivedAuth (@clerk/react/internal) over generated states.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { inspect } from 'node:util'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import fc from 'fast-check'
import { useDerivedAuth } from '@clerk/react/internal'
import { AuthProvider, useAuth } from 'wasm-auth/react'
import { authState } from '../support/auth-states.mjs'
import { checkParams } from '../support/arbitraries.mjs'

const FRONTEND_API = 'http://127.0.0.1:9' // never contacted: effects do not run in server rendering
const FIELDS = ['actor', 'isLoaded', 'isSignedIn', 'orgId', 'orgRole', 'orgSlug', 'sessionClaims', 'sessionId', 'userId']

/** useAuth()'s result during a server render under <AuthProvider initialState>. */
function ours(initialState, options) {
  let result
  const Probe = () => {
    result = useAuth(options)
    return null
  }
  renderToString(h(AuthProvider, { frontendApi: FRONTEND_API, initialState }, h(Probe)))
  return result
}

/** Clerk's useDerivedAuth on the same state, or `{ threw }` where Clerk calls it invalid. */
function clerks(state, options) {
  let result
  const Probe = () => {
    result = useDerivedAuth({ ...state, getToken: async () => null, signOut: async () => {} }, options)
    return null
  }
  try {
    renderToString(h(Probe))
  } catch (error) {
    return { threw: error }
  }
  return result
}

const claims = { sub: 'user_1', sid: 'sess_1', v: 2, fea: 'o:reports,u:beta', pla: 'u:free_user' }
const signedIn = { sessionId: 'sess_1', userId: 'user_1', sessionStatus: 'active', sessionClaims: claims, actor: null, factorVerificationAge: [1, 5] }
const inOrg = { ...signedIn, orgId: 'org_1', orgRole: 'org:admin', orgSlug: 'acme', orgPermissions: ['org:reports:read'] }

describe('useAuth() shapes', () => {
  test('not loaded: isLoaded false, every state field undefined, has() false', () => {
    const auth = ours(undefined)
    assert.deepEqual(Object.keys(auth).sort(), [...FIELDS, 'getToken', 'has', 'signOut'].sort())
    assert.equal(auth.isLoaded, false)
    for (const f of FIELDS.filter((f) => f !== 'isLoaded')) assert.equal(auth[f], undefined, f)
    assert.equal(auth.has({ role: 'org:admin' }), false)
  })

  test('signed out: isLoaded true, isSignedIn false, the rest null', () => {
    const auth = ours({ sessionId: null, userId: null })
    assert.equal(auth.isLoaded, true)
    assert.equal(auth.isSignedIn, false)
    for (const f of FIELDS.filter((f) => !f.startsWith('is'))) assert.equal(auth[f], null, f)
    assert.equal(auth.has({ feature: 'reports' }), false)
  })

  test('signed in without an organization: org fields null, actor null', () => {
    const auth = ours(signedIn)
    assert.deepEqual(
      { isSignedIn: auth.isSignedIn, userId: auth.userId, orgId: auth.orgId, orgRole: auth.orgRole, orgSlug: auth.orgSlug, actor: auth.actor },
      { isSignedIn: true, userId: 'user_1', orgId: null, orgRole: null, orgSlug: null, actor: null },
    )
    assert.equal(auth.sessionClaims, claims)
    assert.equal(auth.has({ feature: 'user:beta' }), true)
    assert.equal(auth.has({ role: 'org:admin' }), false)
    assert.equal(auth.has({ reverification: 'strict' }), true)
  })

  test('signed in with an organization: orgId, orgRole, orgSlug; has() answers from the state', () => {
    const auth = ours({ ...inOrg, actor: { sub: 'user_admin' } })
    assert.deepEqual([auth.orgId, auth.orgRole, auth.orgSlug], ['org_1', 'org:admin', 'acme'])
    assert.deepEqual(auth.actor, { sub: 'user_admin' })
    assert.equal(auth.has({ role: 'admin', permission: 'org:reports:read' }), true)
    assert.equal(ours({ ...inOrg, orgSlug: null }).orgSlug, null)
  })

  test('pending sessions are signed out unless treatPendingAsSignedOut is false', () => {
    const pending = { ...signedIn, sessionStatus: 'pending' }
    assert.equal(ours(pending).isSignedIn, false)
    assert.equal(ours(pending).userId, null)
    assert.equal(ours(pending, { treatPendingAsSignedOut: false }).isSignedIn, true)
  })

  test('server HTML is already loaded when initialState is given', () => {
    const Show = () => {
      const { isLoaded, userId, has } = useAuth()
      return h('p', null, `${isLoaded}:${userId}:${has({ role: 'org:admin' })}`)
    }
    const html = renderToString(h(AuthProvider, { frontendApi: FRONTEND_API, initialState: inOrg }, h(Show)))
    assert.equal(html, '<p>true:user_1:true</p>')
  })

  test('outside <AuthProvider> it throws an error that says so', () => {
    const Lost = () => useAuth()
    assert.throws(() => renderToString(h(Lost)), /useAuth\(\) can only be used inside <AuthProvider>/)
  })
})

test('useAuth() agrees with Clerk\'s useDerivedAuth on generated states', () => {
  const runs = Number(process.env.FC_RUNS_REACT ?? 2_000)
  let compared = 0
  let invalid = 0
  let answers = 0
  fc.assert(
    fc.property(authState, fc.boolean(), fc.array(checkParams, { minLength: 8, maxLength: 8 }), (state, pendingAsSignedOut, paramsList) => {
      const options = { treatPendingAsSignedOut: pendingAsSignedOut }
      const notLoaded = state.sessionId === undefined && state.userId === undefined
      const mine = ours(notLoaded ? undefined : state, options)
      const clerk = clerks(state, options)
      if (clerk.threw) {
        invalid++
        return
      }
      for (const field of FIELDS) assert.deepEqual(mine[field], clerk[field], `${field} of ${inspect(state)}`)
      for (const params of paramsList) {
        let expected
        try {
          expected = clerk.has(params)
        } catch {
          expected = false
        }
        assert.equal(mine.has(params), expected, `has(${inspect(params)}) in ${inspect(state)}`)
        answers++
      }
      compared++
    }),
    { numRuns: runs, seed: 5 },
  )
  console.log(`# auth states: ${runs}, compared: ${compared}, rejected by Clerk as invalid: ${invalid}, has() answers compared: ${answers}`)
  assert.ok(compared >= 600, `at least 600 valid states compared (${compared})`)
})

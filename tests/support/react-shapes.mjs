// The useAuth() shape tests, for any React: the four documented shapes rendered by
// react-dom/server under <AuthProvider initialState>, SSR HTML already loaded, and the error
// outside a provider. tests/js/react.test.mjs runs them with the repo's React 19 and package;
// tests/consumers/react.test.mjs with React 18 and 19 installed beside the packed tarball.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

const FRONTEND_API = 'http://127.0.0.1:9' // never contacted: effects do not run in server rendering
export const FIELDS = [
  'actor',
  'isLoaded',
  'isSignedIn',
  'orgId',
  'orgRole',
  'orgSlug',
  'sessionClaims',
  'sessionId',
  'userId',
]

/**
 * useAuth()'s result during a server render under <AuthProvider initialState>. `react` holds
 * createElement, renderToString (react-dom/server), AuthProvider and useAuth (wasm-auth/react).
 */
export function renderUseAuth(react, initialState, options) {
  let result
  const Probe = () => {
    result = react.useAuth(options)
    return null
  }
  react.renderToString(
    react.createElement(react.AuthProvider, { frontendApi: FRONTEND_API, initialState }, react.createElement(Probe)),
  )
  return result
}

/** Defines the tests. `react` is read when they run, so a `before` hook may fill it in. */
export function useAuthShapeTests(react) {
  const h = (...args) => react.createElement(...args)
  const claims = { sub: 'user_1', sid: 'sess_1', v: 2, fea: 'o:reports,u:beta', pla: 'u:free_user' }
  const signedIn = {
    sessionId: 'sess_1',
    userId: 'user_1',
    sessionStatus: 'active',
    sessionClaims: claims,
    actor: null,
    factorVerificationAge: [1, 5],
  }
  const inOrg = {
    ...signedIn,
    orgId: 'org_1',
    orgRole: 'org:admin',
    orgSlug: 'acme',
    orgPermissions: ['org:reports:read'],
  }

  describe('useAuth() shapes', () => {
    test('not loaded: isLoaded false, every state field undefined, has() false', () => {
      const auth = renderUseAuth(react, undefined)
      assert.deepEqual(Object.keys(auth).sort(), [...FIELDS, 'getToken', 'has', 'signOut'].sort())
      assert.equal(auth.isLoaded, false)
      for (const f of FIELDS.filter((f) => f !== 'isLoaded')) assert.equal(auth[f], undefined, f)
      assert.equal(auth.has({ role: 'org:admin' }), false)
    })

    test('signed out: isLoaded true, isSignedIn false, the rest null', () => {
      const auth = renderUseAuth(react, { sessionId: null, userId: null })
      assert.equal(auth.isLoaded, true)
      assert.equal(auth.isSignedIn, false)
      for (const f of FIELDS.filter((f) => !f.startsWith('is'))) assert.equal(auth[f], null, f)
      assert.equal(auth.has({ feature: 'reports' }), false)
    })

    test('signed in without an organization: org fields null, actor null', () => {
      const auth = renderUseAuth(react, signedIn)
      assert.deepEqual(
        {
          isSignedIn: auth.isSignedIn,
          userId: auth.userId,
          orgId: auth.orgId,
          orgRole: auth.orgRole,
          orgSlug: auth.orgSlug,
          actor: auth.actor,
        },
        { isSignedIn: true, userId: 'user_1', orgId: null, orgRole: null, orgSlug: null, actor: null },
      )
      assert.equal(auth.sessionClaims, claims)
      assert.equal(auth.has({ feature: 'user:beta' }), true)
      assert.equal(auth.has({ role: 'org:admin' }), false)
      assert.equal(auth.has({ reverification: 'strict' }), true)
    })

    test('signed in with an organization: orgId, orgRole, orgSlug; has() answers from the state', () => {
      const auth = renderUseAuth(react, { ...inOrg, actor: { sub: 'user_admin' } })
      assert.deepEqual([auth.orgId, auth.orgRole, auth.orgSlug], ['org_1', 'org:admin', 'acme'])
      assert.deepEqual(auth.actor, { sub: 'user_admin' })
      assert.equal(auth.has({ role: 'admin', permission: 'org:reports:read' }), true)
      assert.equal(renderUseAuth(react, { ...inOrg, orgSlug: null }).orgSlug, null)
    })

    test('pending sessions are signed out unless treatPendingAsSignedOut is false', () => {
      const pending = { ...signedIn, sessionStatus: 'pending' }
      assert.equal(renderUseAuth(react, pending).isSignedIn, false)
      assert.equal(renderUseAuth(react, pending).userId, null)
      assert.equal(renderUseAuth(react, pending, { treatPendingAsSignedOut: false }).isSignedIn, true)
    })

    test('server HTML is already loaded when initialState is given', () => {
      const Show = () => {
        const { isLoaded, userId, has } = react.useAuth()
        return h('p', null, `${isLoaded}:${userId}:${has({ role: 'org:admin' })}`)
      }
      const html = react.renderToString(
        h(react.AuthProvider, { frontendApi: FRONTEND_API, initialState: inOrg }, h(Show)),
      )
      assert.equal(html, '<p>true:user_1:true</p>')
    })

    test('outside <AuthProvider> it throws an error that says so', () => {
      const Lost = () => react.useAuth()
      assert.throws(() => react.renderToString(h(Lost)), /useAuth\(\) can only be used inside <AuthProvider>/)
    })
  })
}

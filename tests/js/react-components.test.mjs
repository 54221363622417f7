// The hooks and components beside useAuth(), rendered by React in Node (server rendering, the
// provider's initialState): their shapes before the client has loaded, signed out, and signed in
// from the server's state; <Show>, <Protect> and the status gates on the same states. (In
// Chromium against the dev server and beside @clerk/react: tests/oracle/react-hooks.test.mjs.)
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import {
  AuthDegraded,
  AuthFailed,
  AuthLoaded,
  AuthLoading,
  AuthProvider,
  Protect,
  Show,
  useAuthClient,
  useOrganization,
  useOrganizationList,
  useSession,
  useUser,
} from 'wasm-auth/react'

const FRONTEND_API = 'http://127.0.0.1:9' // never contacted: server rendering runs no effects
const SIGNED_IN = {
  sessionId: 'sess_1',
  userId: 'user_1',
  sessionClaims: { sub: 'user_1', sid: 'sess_1' },
  orgId: 'org_1',
  orgRole: 'org:admin',
  orgPermissions: ['org:reports:read'],
}
const SIGNED_OUT = { sessionId: null, userId: null }

/** What `hook()` answers in a server render under a provider with `initialState`. */
function answer(hook, initialState) {
  let result
  const Probe = () => ((result = hook()), null)
  renderToString(h(AuthProvider, { frontendApi: FRONTEND_API, initialState }, h(Probe)))
  return result
}
const render = (element, initialState) =>
  renderToString(h(AuthProvider, { frontendApi: FRONTEND_API, initialState }, element))

describe('hooks beside useAuth()', () => {
  test('outside a provider each throws provider-missing, naming itself', () => {
    const hooks = { useAuthClient, useSession, useUser, useOrganization, useOrganizationList }
    for (const [name, hook] of Object.entries(hooks)) {
      const Lost = () => hook()
      assert.throws(
        () => renderToString(h(Lost)),
        (e) => e.code === 'provider-missing' && e.message.startsWith(`${name}()`),
      )
    }
  })

  test("before anything is known: Clerk's not-loaded shapes", () => {
    assert.deepEqual(answer(useUser), { isLoaded: false, isSignedIn: undefined, user: undefined })
    assert.deepEqual(answer(useSession), { isLoaded: false, isSignedIn: undefined, session: undefined })
    const organization = answer(useOrganization)
    assert.deepEqual(
      [organization.isLoaded, organization.organization, organization.membership],
      [false, undefined, undefined],
    )
    assert.equal(organization.memberships.data, undefined)
    const list = answer(useOrganizationList)
    assert.deepEqual([list.isLoaded, list.setActive, list.userMemberships.data], [false, undefined, undefined])
  })

  test('signed out on the server: loaded and signed out at once', () => {
    assert.deepEqual(answer(useUser, SIGNED_OUT), { isLoaded: true, isSignedIn: false, user: null })
    assert.deepEqual(answer(useSession, SIGNED_OUT), { isLoaded: true, isSignedIn: false, session: null })
    const organization = answer(useOrganization, SIGNED_OUT)
    assert.deepEqual(
      [organization.isLoaded, organization.organization, organization.membership, organization.memberships],
      [true, null, null, null],
    )
    // Clerk's list is loaded only with a user to list them for (tests/oracle/react-hooks compares).
    const list = answer(useOrganizationList, SIGNED_OUT)
    assert.deepEqual([list.isLoaded, list.setActive, list.userMemberships.data], [false, undefined, undefined])
  })

  test('signed in on the server: the user waits for the client, which has the resource', () => {
    assert.equal(answer(useUser, SIGNED_IN).isLoaded, false)
    assert.equal(answer(useSession, SIGNED_IN).isLoaded, false)
    assert.equal(answer(useOrganization, SIGNED_IN).isLoaded, false)
  })

  test("useAuthClient is the provider's client, its state carrying the status", () => {
    const client = answer(useAuthClient, SIGNED_IN)
    assert.equal(typeof client.setActive, 'function')
    assert.deepEqual([client.getState().userId, client.getState().status], ['user_1', 'loading'])
  })
})

describe('components', () => {
  const shown = (element, state) => render(h(element.type, element.props, 'SHOWN'), state).includes('SHOWN')

  test('<Show>: nothing until loaded; signed-in, signed-out, has() params and a predicate', () => {
    assert.equal(shown(h(Show, { when: 'signed-in' })), false, 'not loaded')
    assert.equal(shown(h(Show, { when: 'signed-out' })), false, 'not loaded')
    assert.equal(shown(h(Show, { when: 'signed-in' }), SIGNED_IN), true)
    assert.equal(shown(h(Show, { when: 'signed-out' }), SIGNED_IN), false)
    assert.equal(shown(h(Show, { when: 'signed-out' }), SIGNED_OUT), true)
    assert.equal(shown(h(Show, { when: { role: 'org:admin' } }), SIGNED_IN), true)
    assert.equal(shown(h(Show, { when: { permission: 'org:reports:manage' } }), SIGNED_IN), false)
    assert.equal(shown(h(Show, { when: (has) => has({ permission: 'org:reports:read' }) }), SIGNED_IN), true)
    assert.equal(shown(h(Show, { when: { role: 'org:admin' } }), SIGNED_OUT), false)
    assert.match(render(h(Show, { when: 'signed-in', fallback: 'FALLBACK' }, 'SHOWN'), SIGNED_OUT), /FALLBACK/)
  })

  test('<Protect>: signed in, and the condition or the has() props', () => {
    assert.equal(shown(h(Protect, {}), SIGNED_IN), true)
    assert.equal(shown(h(Protect, {}), SIGNED_OUT), false)
    assert.equal(shown(h(Protect, { role: 'org:admin' }), SIGNED_IN), true)
    assert.equal(shown(h(Protect, { permission: 'org:reports:delete' }), SIGNED_IN), false)
    assert.equal(shown(h(Protect, { condition: (has) => has({ role: 'org:member' }) }), SIGNED_IN), false)
    assert.match(render(h(Protect, { role: 'org:member', fallback: 'FALLBACK' }, 'SHOWN'), SIGNED_IN), /FALLBACK/)
  })

  test('the gates follow the status: on the server the client is still loading', () => {
    assert.equal(shown(h(AuthLoading, {}), SIGNED_IN), true)
    assert.equal(shown(h(AuthLoaded, {}), SIGNED_IN), false)
    assert.equal(shown(h(AuthDegraded, {}), SIGNED_IN), false)
    assert.equal(shown(h(AuthFailed, {}), SIGNED_IN), false)
    // Named in React DevTools by their displayName, set as they render (the package is minified).
    const gates = { AuthLoading, AuthLoaded, AuthDegraded, AuthFailed }
    for (const [name, gate] of Object.entries(gates)) assert.equal(gate.displayName, name)
  })
})

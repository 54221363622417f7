// wasm-auth/react rendered by real React on the server (react-dom/server): the four documented
// shapes, SSR from initialState, the error outside a provider (tests/support/react-shapes.mjs,
// shared with the React 18/19 consumer test), and a differential test against Clerk's own
// useDerivedAuth (@clerk/react/internal) over generated states.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { inspect } from 'node:util'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import fc from 'fast-check'
import { useDerivedAuth } from '@clerk/react/internal'
import { AuthProvider, useAuth } from 'wasm-auth/react'
import { authState } from '../support/auth-states.mjs'
import { checkParams } from '../support/arbitraries.mjs'
import { FIELDS, renderUseAuth, useAuthShapeTests } from '../support/react-shapes.mjs'

const react = { createElement: h, renderToString, AuthProvider, useAuth }

/** useAuth()'s result during a server render under <AuthProvider initialState>. */
const ours = (initialState, options) => renderUseAuth(react, initialState, options)

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

useAuthShapeTests(react)

test("useAuth() agrees with Clerk's useDerivedAuth on generated states", () => {
  const runs = Number(process.env.FC_RUNS_REACT ?? 2_000)
  let compared = 0
  let invalid = 0
  let answers = 0
  fc.assert(
    fc.property(
      authState,
      fc.boolean(),
      fc.array(checkParams, { minLength: 8, maxLength: 8 }),
      (state, pendingAsSignedOut, paramsList) => {
        const options = { treatPendingAsSignedOut: pendingAsSignedOut }
        const mine = ours(state, options)
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
      },
    ),
    { numRuns: runs, seed: 5 },
  )
  console.log(
    `# auth states: ${runs}, compared: ${compared}, rejected by Clerk as invalid: ${invalid}, has() answers compared: ${answers}`,
  )
  assert.ok(compared >= 600, `at least 600 valid states compared (${compared})`)
})

test('AuthProvider is named AuthProvider in React DevTools and warnings, minified or not (displayName)', () => {
  assert.equal(AuthProvider.displayName, 'AuthProvider')
})

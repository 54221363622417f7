// <AuthProvider> hands the instance options to createAuthClient as they are: the same rule and
// the same errors (rendered by real React on the server).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import { AuthProvider, useAuth } from 'wasm-auth/react'

const devKey = `pk_test_${Buffer.from('foo-bar-13.clerk.accounts.dev$').toString('base64').replace(/=+$/, '')}`

function Show() {
  const { isLoaded, userId } = useAuth()
  return h('p', null, `${isLoaded} ${userId}`)
}

test('<AuthProvider publishableKey proxyUrl> makes its client from them', () => {
  const initialState = { sessionId: null, userId: null }
  const html = renderToString(
    h(AuthProvider, { publishableKey: devKey, proxyUrl: 'http://127.0.0.1:9', initialState }, h(Show)),
  )
  assert.equal(html, '<p>true null</p>')
})

test('a malformed publishableKey is options-invalid naming it, as with createAuthClient', () => {
  assert.throws(
    () => renderToString(h(AuthProvider, { publishableKey: 'pk_live_nope' }, h(Show))),
    (e) => e.code === 'options-invalid' && /publishableKey/.test(e.message),
  )
  assert.throws(
    () => renderToString(h(AuthProvider, { publishableKey: devKey, proxyUrl: 'nope' }, h(Show))),
    (e) => e.code === 'options-invalid' && /proxyUrl/.test(e.message),
  )
})

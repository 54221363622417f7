// The packed tarball installed into an empty Node 20 project: every entry imports in ESM and
// requires in CommonJS with no configuration, and the CommonJS entries share one core.
import assert from 'node:assert/strict'
import { before, test } from 'node:test'
import { WEB, runNode, sharedConsumerProject } from '../support/tarball.mjs'

let dir
before(() => {
  dir = sharedConsumerProject('web', WEB) // the project the Vite, webpack and plain-page tests use
})

const TOKEN =
  [
    { alg: 'RS256' },
    { sub: 'user_1', sid: 'sess_1', v: 2, o: { id: 'org_1', rol: 'admin', per: 'read', fpm: '1' }, fea: 'o:reports' },
  ]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .join('.') + '.c2ln'

test('ESM: import { authObjectFromClaims, createCheckAuthorization, decodeJwt } from "wasm-auth"', () => {
  const out = runNode(
    dir,
    'node-esm.mjs',
    `
    import { authObjectFromClaims, createCheckAuthorization, decodeJwt, AuthError } from 'wasm-auth'
    import { AuthProvider, useAuth } from 'wasm-auth/react'
    import { verifyToken, authenticateRequest } from 'wasm-auth/server'
    const { payload } = decodeJwt(${JSON.stringify(TOKEN)})
    const auth = authObjectFromClaims(payload)
    const has = createCheckAuthorization({ ...auth, features: payload.fea })
    let code
    try { decodeJwt('x') } catch (e) { code = e instanceof AuthError && e.code }
    console.log(JSON.stringify([auth.orgRole, auth.orgPermissions, has({ role: 'admin' }), has({ feature: 'reports' }), code,
      typeof AuthProvider, typeof useAuth, typeof verifyToken, typeof authenticateRequest]))
  `,
  )
  assert.deepEqual(JSON.parse(out), [
    'org:admin',
    ['org:reports:read'],
    true,
    true,
    'token-invalid',
    'function',
    'function',
    'function',
    'function',
  ])
})

test('CommonJS: require("wasm-auth"), "/react" and "/server", one AuthError class across them', () => {
  const out = runNode(
    dir,
    'node-cjs.cjs',
    `
    const core = require('wasm-auth')
    const react = require('wasm-auth/react')
    const server = require('wasm-auth/server')
    const { payload } = core.decodeJwt(${JSON.stringify(TOKEN)})
    const has = core.createCheckAuthorization({ ...core.authObjectFromClaims(payload), features: payload.fea })
    let sameClass
    try { server.verifyTokenSync('x.y.z', { jwtKey: 'nope' }) } catch (e) { sameClass = e instanceof core.AuthError && e instanceof server.TokenVerificationError }
    console.log(JSON.stringify([has({ permission: 'org:reports:read' }), typeof react.useAuth, sameClass, core.AuthError === server.AuthError]))
  `,
  )
  assert.deepEqual(JSON.parse(out), [true, 'function', true, true])
})

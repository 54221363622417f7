// wasm-auth/react with React 18 and with React 19, each installed beside the packed tarball: the
// useAuth() shape tests rendered by that React's react-dom/server through the ESM entry
// (tests/support/react-shapes.mjs), the CommonJS entry rendering the same, and the app
// server-rendered and hydrated in Chromium with that React (tests/support/react-app.mjs).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { before, describe, test } from 'node:test'
import { hydrationTests } from '../support/react-app.mjs'
import { useAuthShapeTests } from '../support/react-shapes.mjs'
import { REACT_18, WEB, importerIn, runNode, sharedConsumerProject } from '../support/tarball.mjs'

const CJS = `
const { createElement: h } = require('react')
const { renderToString } = require('react-dom/server')
const { AuthProvider, useAuth } = require('wasm-auth/react')
const initialState = { sessionId: 'sess_1', userId: 'user_1', sessionClaims: { sub: 'user_1' }, orgId: 'org_1', orgRole: 'org:admin', orgSlug: 'acme', orgPermissions: [] }
const Show = () => {
  const { isLoaded, userId, orgRole, has } = useAuth()
  return h('p', null, [isLoaded, userId, orgRole, has({ role: 'admin' })].join(':'))
}
console.log(renderToString(h(AuthProvider, { frontendApi: 'http://127.0.0.1:9', initialState }, h(Show))))
`

for (const [version, name, dependencies] of [
  ['18.3.1', 'react18', REACT_18],
  ['19.3.1', 'web', WEB],
]) {
  describe(`React ${version}`, () => {
    const react = {}
    let dir
    before(async () => {
      dir = sharedConsumerProject(name, dependencies)
      const load = await importerIn(dir, 'react-test')
      const [{ createElement, version }, { renderToString }, { AuthProvider, useAuth }] = await Promise.all([
        load('react'),
        load('react-dom/server'),
        load('wasm-auth/react'),
      ])
      Object.assign(react, { version, createElement, renderToString, AuthProvider, useAuth })
    })

    test(`the project's React is ${version}`, () => {
      assert.equal(react.version, version)
    })

    useAuthShapeTests(react)

    test('CommonJS: require("wasm-auth/react") renders the same', () => {
      assert.equal(runNode(dir, 'react-cjs.cjs', CJS).trim(), '<p>true:user_1:org:admin:true</p>')
    })

    describe('server-rendered and hydrated in Chromium', () => {
      hydrationTests({ outDir: () => join(dir, 'react-app') })
    })
  })
}

// The packed tarball in a Vite 8 app with no Vite config at all (configFile: false): the dev
// server (which pre-bundles wasm-auth and wasm-auth/react) and the production build, served by
// `vite preview`, both run the app in Chromium: useAuth() under <AuthProvider>, has() and
// getToken() against the dev auth server. The build warns about nothing.
import assert from 'node:assert/strict'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { before, test } from 'node:test'
import { assertSignInFlow, signInFlow, webAppSuite } from '../support/consumer-app.mjs'
import { WEB, importerIn } from '../support/tarball.mjs'

const app = webAppSuite('web', WEB)
let vite
before(async () => {
  vite = await (await importerIn(app.dir, 'vite'))('vite')
})

// Vite's own settings only: where the app is, where to listen, and a logger that keeps warnings
// for the test to check. No plugin, no optimizeDeps, no assetsInclude, no build target.
function options(warnings) {
  const logger = vite.createLogger('warn')
  logger.warn = (message) => warnings.push(message)
  return { root: app.dir, configFile: false, customLogger: logger, clearScreen: false }
}

test('dev server: the pre-bundled dependencies run the app', async () => {
  rmSync(join(app.dir, 'node_modules', '.vite'), { recursive: true, force: true }) // pre-bundle afresh
  const warnings = []
  const server = await vite.createServer({ ...options(warnings), server: { host: '127.0.0.1', port: 0 } })
  try {
    await server.listen()
    const flow = await signInFlow(app.browser, server.resolvedUrls.local[0], app.auth)
    assertSignInFlow(flow)
    const prebundled = flow.scripts.filter((path) => path.startsWith('/node_modules/.vite/deps/wasm-auth'))
    assert.deepEqual(prebundled.sort(), [
      '/node_modules/.vite/deps/wasm-auth.js',
      '/node_modules/.vite/deps/wasm-auth_react.js',
    ])
  } finally {
    await server.close()
  }
  assert.deepEqual(warnings, [])
})

test('production build and vite preview: no warning, no asset beside the JS', async () => {
  const warnings = []
  await vite.build({ ...options(warnings), logLevel: 'warn' })
  assert.deepEqual(warnings, [])
  assert.deepEqual(
    readdirSync(join(app.dir, 'dist', 'assets')).filter((f) => !f.endsWith('.js')),
    [],
    'the wasm comes inside the JS',
  )
  const server = await vite.preview({ ...options([]), preview: { host: '127.0.0.1', port: 0 } })
  try {
    assertSignInFlow(await signInFlow(app.browser, server.resolvedUrls.local[0], app.auth))
  } finally {
    await server.close()
  }
})

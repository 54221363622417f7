// The packed tarball in a Vite 8 app with no Vite config at all (configFile: false): the dev
// server (which pre-bundles wasm-auth and wasm-auth/react) and the production build, served by
// `vite preview`, both run the app in Chromium: useAuth() under <AuthProvider>, has() and
// getToken() against the dev auth server.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { launchChromium } from '../support/browser.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { assertSignInFlow, copyWebApp, signInFlow } from '../support/consumer-app.mjs'
import { WEB, importerIn, sharedConsumerProject } from '../support/tarball.mjs'

let dir
let vite
let auth
let browser

before(async () => {
  dir = sharedConsumerProject('web', WEB)
  copyWebApp(dir)
  vite = await (await importerIn(dir, 'vite'))('vite')
  auth = await startTestAuthServer()
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await auth?.stop()
})

// Vite's own settings only: where the app is, where to listen, and a logger that keeps warnings
// for the test to check. No plugin, no optimizeDeps, no assetsInclude, no build target.
function options(warnings) {
  const logger = vite.createLogger('warn')
  logger.warn = (message) => warnings.push(message)
  return { root: dir, configFile: false, customLogger: logger, clearScreen: false }
}

test('dev server: the pre-bundled dependencies find the wasm', async () => {
  rmSync(join(dir, 'node_modules', '.vite'), { recursive: true, force: true }) // pre-bundle afresh
  const warnings = []
  const server = await vite.createServer({ ...options(warnings), server: { host: '127.0.0.1', port: 0 } })
  try {
    await server.listen()
    const flow = await signInFlow(browser, server.resolvedUrls.local[0], auth)
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

test('production build and vite preview: the wasm is emitted as its own asset', async () => {
  const warnings = []
  await vite.build({ ...options(warnings), logLevel: 'warn' })
  const wasm = readdirSync(join(dir, 'dist', 'assets')).filter((f) => f.endsWith('.wasm'))
  assert.equal(wasm.length, 1, `one wasm asset: ${wasm}`)
  assert.match(wasm[0], /^wasm_auth_bg-.+\.wasm$/)
  const emitted = readFileSync(join(dir, 'dist', 'assets', wasm[0]))
  assert.ok(
    emitted.equals(readFileSync(join(dir, 'node_modules', 'wasm-auth', 'wasm_auth_bg.wasm'))),
    'the client wasm, unchanged',
  )
  // The one warning is about 'use client' at the top of wasm-auth/react (kept there for React
  // Server Components; a client bundle does not need it).
  assert.ok(
    warnings.every((w) => /MODULE_LEVEL_DIRECTIVE/.test(w) && /"use client"/.test(w) && /wasm-auth\/react\.js/.test(w)),
    `only the 'use client' notice: ${warnings.join('\n')}`,
  )
  const server = await vite.preview({ ...options([]), preview: { host: '127.0.0.1', port: 0 } })
  try {
    assertSignInFlow(await signInFlow(browser, server.resolvedUrls.local[0], auth))
  } finally {
    await server.close()
  }
})

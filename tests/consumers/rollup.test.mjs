// The packed tarball in the consumer app (tests/consumers/web) bundled by Rollup 4 with the
// plugins a React app needs anyway (tests/consumers/web/rollup.config.mjs: node-resolve, and
// commonjs and replace for React): no plugin or option for wasm-auth. Rollup must warn about
// nothing, and the output, served statically, runs the app in Chromium: useAuth() under
// <AuthProvider>, has() and getToken() against the dev auth server.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { launchChromium } from '../support/browser.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { assertSignInFlow, copyWebApp, signInFlow } from '../support/consumer-app.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { TOOLS, importerIn, sharedConsumerProject } from '../support/tarball.mjs'

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>wasm-auth with Rollup</title></head>
<body><div id="root"></div><script type="module" src="/main.js"></script></body></html>`

let dir
let auth
let browser
before(async () => {
  dir = sharedConsumerProject('tools', TOOLS)
  copyWebApp(dir)
  auth = await startTestAuthServer()
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await auth?.stop()
})

test('rollup -c: no warning, and the output alone runs the app', async () => {
  // The project's Rollup, with its config as `rollup -c` reads it; warnings collected, not printed.
  const { rollup } = await (await importerIn(dir, 'rollup'))('rollup')
  const { default: config } = await import(pathToFileURL(join(dir, 'rollup.config.mjs')).href)
  const warnings = []
  const bundle = await rollup({
    ...config,
    input: join(dir, config.input),
    onwarn: (warning) => warnings.push(`${warning.code}: ${warning.message}`),
  })
  await bundle.write({ ...config.output, dir: join(dir, config.output.dir) })
  await bundle.close()
  assert.deepEqual(warnings, [])
  const dist = join(dir, config.output.dir)
  assert.deepEqual(readdirSync(dist), ['main.js'], 'one file, nothing to copy beside it')
  const web = await serveStatic({ root: dist, pages: { '/': PAGE } })
  try {
    assertSignInFlow(await signInFlow(browser, `${web.url}/`, auth))
  } finally {
    await web.close()
  }
})

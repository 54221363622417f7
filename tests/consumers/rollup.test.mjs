// The packed tarball in the consumer app (tests/consumers/web) bundled by Rollup 4 with the
// plugins a React app needs anyway (tests/consumers/web/rollup.config.mjs: node-resolve, and
// commonjs and replace for React): no plugin or option for wasm-auth. Rollup must warn about
// nothing, and the output, served statically, runs the app in Chromium: useAuth() under
// <AuthProvider>, has() and getToken() against the dev auth server.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { appPage, assertSignInFlow, signInFlow, webAppSuite } from '../support/consumer-app.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { TOOLS, importerIn } from '../support/tarball.mjs'

const PAGE = appPage('Rollup', '<script type="module" src="/main.js"></script>')

const app = webAppSuite('tools', TOOLS)

test('rollup -c: no warning, and the output alone runs the app', async () => {
  // The project's Rollup, with its config as `rollup -c` reads it; warnings collected, not printed.
  const { rollup } = await (await importerIn(app.dir, 'rollup'))('rollup')
  const { default: config } = await import(pathToFileURL(join(app.dir, 'rollup.config.mjs')).href)
  const warnings = []
  const bundle = await rollup({
    ...config,
    input: join(app.dir, config.input),
    onwarn: (warning) => warnings.push(`${warning.code}: ${warning.message}`),
  })
  await bundle.write({ ...config.output, dir: join(app.dir, config.output.dir) })
  await bundle.close()
  assert.deepEqual(warnings, [])
  const dist = join(app.dir, config.output.dir)
  assert.deepEqual(readdirSync(dist), ['main.js'], 'one file, nothing to copy beside it')
  const web = await serveStatic({ root: dist, pages: { '/': PAGE } })
  try {
    assertSignInFlow(await signInFlow(app.browser, `${web.url}/`, app.auth))
  } finally {
    await web.close()
  }
})

// The packed tarball in a webpack 5 app whose config sets entry, output and mode only
// (tests/consumers/web/webpack.config.js): `webpack` builds it for production, a static server
// serves the output, and the app runs in Chromium: useAuth() under <AuthProvider>, has() and
// getToken() against the dev auth server. webpack's defaults must do, with the sideEffects list
// of the package.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { launchChromium } from '../support/browser.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { assertSignInFlow, copyWebApp, signInFlow } from '../support/consumer-app.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { WEB, sharedConsumerProject } from '../support/tarball.mjs'

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>wasm-auth with webpack</title></head>
<body><div id="root"></div><script src="/main.js"></script></body></html>`

let dir
let auth
let browser
before(async () => {
  dir = sharedConsumerProject('web', WEB)
  copyWebApp(dir)
  auth = await startTestAuthServer()
  browser = await launchChromium()
})
after(async () => {
  await browser?.close()
  await auth?.stop()
})

test('production build, served statically', async () => {
  const out = execFileSync(join(dir, 'node_modules', '.bin', 'webpack'), ['--stats', 'errors-warnings', '--no-color'], {
    cwd: dir,
    encoding: 'utf8',
  })
  // webpack's only remarks may be its size hints (over its 244 KiB default).
  const warnings = out.split('\n').filter((line) => line.startsWith('WARNING'))
  assert.deepEqual(
    warnings.filter(
      (w) => !/^WARNING in (asset size limit|entrypoint size limit|webpack performance recommendations)/.test(w),
    ),
    [],
    out,
  )
  const dist = join(dir, 'dist-webpack')
  assert.deepEqual(
    readdirSync(dist).filter((f) => !f.startsWith('main.js')),
    [],
    'main.js (and its licence notes) alone: the wasm comes inside the JS',
  )

  const web = await serveStatic({ root: dist, pages: { '/': PAGE } })
  try {
    assertSignInFlow(await signInFlow(browser, `${web.url}/`, auth))
  } finally {
    await web.close()
  }
})

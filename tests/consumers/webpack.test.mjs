// The packed tarball in a webpack 5 app whose config sets entry, output and mode only
// (tests/consumers/web/webpack.config.js): `webpack` builds it for production, a static server
// serves the output, and the app runs in Chromium: useAuth() under <AuthProvider>, has() and
// getToken() against the dev auth server. webpack's defaults must do, with the sideEffects list
// of the package.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { appPage, assertSignInFlow, signInFlow, webAppSuite } from '../support/consumer-app.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { WEB } from '../support/tarball.mjs'

const PAGE = appPage('webpack', '<script src="/main.js"></script>')

const app = webAppSuite('web', WEB)

test('production build, served statically', async () => {
  const out = execFileSync(
    join(app.dir, 'node_modules', '.bin', 'webpack'),
    ['--stats', 'errors-warnings', '--no-color'],
    {
      cwd: app.dir,
      encoding: 'utf8',
    },
  )
  // webpack's only remarks may be its size hints (over its 244 KiB default).
  const warnings = out.split('\n').filter((line) => line.startsWith('WARNING'))
  assert.deepEqual(
    warnings.filter(
      (w) => !/^WARNING in (asset size limit|entrypoint size limit|webpack performance recommendations)/.test(w),
    ),
    [],
    out,
  )
  const dist = join(app.dir, 'dist-webpack')
  assert.deepEqual(
    readdirSync(dist).filter((f) => !f.startsWith('main.js')),
    [],
    'main.js (and its licence notes) alone: the wasm comes inside the JS',
  )

  const web = await serveStatic({ root: dist, pages: { '/': PAGE } })
  try {
    assertSignInFlow(await signInFlow(app.browser, `${web.url}/`, app.auth))
  } finally {
    await web.close()
  }
})

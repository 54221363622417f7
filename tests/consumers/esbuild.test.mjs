// The packed tarball in the consumer app (tests/consumers/web) bundled by esbuild with nothing but
// the entry, `--bundle` and the output file: its default output (an IIFE, which cannot hold a
// top-level await) and `--format=esm`. Each bundle is served statically beside a page that loads
// it, and runs in Chromium: useAuth() under <AuthProvider>, has() and getToken() against the dev
// auth server. Nothing is copied beside the bundle: the wasm comes inside the package's JS.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { appPage, assertSignInFlow, signInFlow, webAppSuite } from '../support/consumer-app.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { TOOLS } from '../support/tarball.mjs'

const app = webAppSuite('tools', TOOLS)

/** Runs esbuild's CLI in the project; returns what it printed at warning level (nothing, when all is well). */
function esbuild(outdir, ...flags) {
  const bin = join(app.dir, 'node_modules', '.bin', 'esbuild')
  const args = ['src/main.js', '--bundle', `--outfile=${outdir}/main.js`, '--log-level=warning', ...flags]
  return execFileSync(bin, args, { cwd: app.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

for (const [name, flags, script] of [
  ['default output (an IIFE)', [], '<script src="/main.js"></script>'],
  ['--format=esm', ['--format=esm'], '<script type="module" src="/main.js"></script>'],
]) {
  test(`esbuild, ${name}: the bundle alone runs the app`, async () => {
    const outdir = `dist-esbuild-${flags.length ? 'esm' : 'iife'}`
    assert.equal(esbuild(outdir, ...flags), '', 'esbuild printed no warning')
    assert.deepEqual(readdirSync(join(app.dir, outdir)), ['main.js'], 'one file, nothing to copy beside it')
    const web = await serveStatic({ root: join(app.dir, outdir), pages: { '/': appPage('esbuild', script) } })
    try {
      assertSignInFlow(await signInFlow(app.browser, `${web.url}/`, app.auth))
    } finally {
      await web.close()
    }
  })
}

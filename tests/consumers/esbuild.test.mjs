// The packed tarball in the consumer app (tests/consumers/web) bundled by esbuild with nothing but
// the entry, `--bundle` and the output file: its default output (an IIFE, which cannot hold a
// top-level await) and `--format=esm`. Each bundle is served statically beside a page that loads
// it, and runs in Chromium: useAuth() under <AuthProvider>, has() and getToken() against the dev
// auth server. Nothing is copied beside the bundle: the wasm comes inside the package's JS.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { launchChromium } from '../support/browser.mjs'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { assertSignInFlow, copyWebApp, signInFlow } from '../support/consumer-app.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { TOOLS, sharedConsumerProject } from '../support/tarball.mjs'

const page = (script) => `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>wasm-auth with esbuild</title></head>
<body><div id="root"></div>${script}</body></html>`

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

/** Runs esbuild's CLI in the project; returns what it printed at warning level (nothing, when all is well). */
function esbuild(outdir, ...flags) {
  const bin = join(dir, 'node_modules', '.bin', 'esbuild')
  const args = ['src/main.js', '--bundle', `--outfile=${outdir}/main.js`, '--log-level=warning', ...flags]
  return execFileSync(bin, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

for (const [name, flags, script] of [
  ['default output (an IIFE)', [], '<script src="/main.js"></script>'],
  ['--format=esm', ['--format=esm'], '<script type="module" src="/main.js"></script>'],
]) {
  test(`esbuild, ${name}: the bundle alone runs the app`, async () => {
    const outdir = `dist-esbuild-${flags.length ? 'esm' : 'iife'}`
    assert.equal(esbuild(outdir, ...flags), '', 'esbuild printed no warning')
    assert.deepEqual(readdirSync(join(dir, outdir)), ['main.js'], 'one file, nothing to copy beside it')
    const web = await serveStatic({ root: join(dir, outdir), pages: { '/': page(script) } })
    try {
      assertSignInFlow(await signInFlow(browser, `${web.url}/`, auth))
    } finally {
      await web.close()
    }
  })
}

// The packed tarball in the consumer app (tests/consumers/web) with Parcel 2 and no configuration:
// `parcel build` (served statically) and `parcel serve` (its development server, which wraps each
// module in a function, where a top-level await cannot be). Each runs the app in Chromium:
// useAuth() under <AuthProvider>, has() and getToken() against the dev auth server.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { before, test } from 'node:test'
import { assertSignInFlow, signInFlow, webAppSuite } from '../support/consumer-app.mjs'
import { serveStatic } from '../support/static-server.mjs'
import { TOOLS } from '../support/tarball.mjs'

const app = webAppSuite('tools', TOOLS)
let parcel
before(() => {
  parcel = join(app.dir, 'node_modules', '.bin', 'parcel')
})

test('parcel build: no warning, and the output runs the app', async () => {
  const dist = join(app.dir, 'dist-parcel')
  const out = execFileSync(
    parcel,
    ['build', 'index.html', '--dist-dir', dist, '--no-source-maps', '--log-level', 'warn'],
    {
      cwd: app.dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  )
  assert.equal(out.trim(), '', 'parcel printed no warning')
  assert.ok(
    readdirSync(dist).every((f) => /\.(html|js)$/.test(f)),
    `only HTML and JS: ${readdirSync(dist)}`,
  )
  const web = await serveStatic({ root: dist })
  try {
    assertSignInFlow(await signInFlow(app.browser, `${web.url}/index.html`, app.auth))
  } finally {
    await web.close()
  }
})

test('parcel serve: the development server runs the app', async () => {
  const port = await freePort()
  // Its own process group, so that Parcel's workers stop with it.
  const server = spawn(parcel, ['serve', 'index.html', '--port', String(port), '--dist-dir', 'dist-parcel-serve'], {
    cwd: app.dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  let output = ''
  try {
    await new Promise((resolve, reject) => {
      const read = (chunk) => {
        output += chunk
        if (/Built in/.test(output)) resolve()
        if (/🚨|Error/.test(output)) reject(new Error(output))
      }
      server.stdout.on('data', read)
      server.stderr.on('data', read)
      server.on('exit', (code) => reject(new Error(`parcel serve exited (${code}):\n${output}`)))
    })
    assertSignInFlow(await signInFlow(app.browser, `http://127.0.0.1:${port}/`, app.auth))
  } finally {
    process.kill(-server.pid, 'SIGTERM')
  }
  assert.doesNotMatch(output, /⚠️|warn/i)
})

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

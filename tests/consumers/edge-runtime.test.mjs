// The packed tarball in the edge-runtime package (the runtime Vercel-style edge code is tested
// in): a fetch handler (tests/consumers/edge/handler.js) bundled by esbuild with no option but
// the output format, its default IIFE and ESM, evaluated by EdgeRuntime as a script, as
// `edge-runtime --listen` does. A request carrying alice's session token is authenticated, with
// the keys fetched from the dev auth server; has() answers; a client in the runtime loads.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { cpSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { TOOLS, importerIn, sharedConsumerProject } from '../support/tarball.mjs'

let dir
let auth
let EdgeRuntime
let token
before(async () => {
  dir = sharedConsumerProject('tools', TOOLS)
  cpSync(new URL('./edge', import.meta.url), join(dir, 'edge'), { recursive: true })
  ;({ EdgeRuntime } = await (await importerIn(dir, 'edge-runtime'))('edge-runtime'))
  auth = await startTestAuthServer({ instance: 'development' })
  const alice = auth.browser()
  const { body } = await alice.token(await alice.signIn('user_alice'))
  token = body.jwt
})
after(() => auth?.stop())

for (const format of ['iife', 'esm']) {
  test(`esbuild --format=${format}, run by EdgeRuntime: authenticated, has() answers, a client loads`, async () => {
    const outfile = `edge/dist-${format}.js`
    const bin = join(dir, 'node_modules', '.bin', 'esbuild')
    const printed = execFileSync(
      bin,
      ['edge/handler.js', '--bundle', `--format=${format}`, `--outfile=${outfile}`, '--log-level=warning'],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
    assert.equal(printed, '', 'esbuild printed no warning')
    const runtime = new EdgeRuntime({ initialCode: readFileSync(join(dir, outfile), 'utf8') })
    const query = new URLSearchParams({ key: auth.publishableKey, api: auth.url })
    const response = await runtime.dispatchFetch(`https://app.example/api?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    await response.waitUntil()
    assert.equal(response.status, 200, await response.clone().text())
    assert.deepEqual(await response.json(), {
      status: 'signed-in',
      userId: 'user_alice',
      admin: true,
      member: false,
      client: { isLoaded: true, userId: null },
    })
  })
}

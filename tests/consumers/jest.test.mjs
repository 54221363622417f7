// The packed tarball under Jest 30 with jsdom, configured by the one line the README shows
// (`testEnvironment: 'jsdom'`, tests/consumers/jest/jest.config.cjs): a user's component test
// (tests/consumers/jest/auth.spec.cjs, a name node --test does not pick up) renders
// <AuthProvider> with an initialState (loaded at once, has() answering) and without one against
// the dev auth server (a development instance, reached through proxyUrl), whose load it waits for.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { after, before, test } from 'node:test'
import { startTestAuthServer } from '../support/auth-server.mjs'
import { TOOLS, sharedConsumerProject } from '../support/tarball.mjs'

let dir
let auth
before(async () => {
  dir = join(sharedConsumerProject('tools', TOOLS), 'jest-app')
  cpSync(new URL('./jest', import.meta.url), dir, { recursive: true })
  auth = await startTestAuthServer({ instance: 'development' })
})
after(() => auth?.stop())

test('jest: both tests pass', async () => {
  const jest = join(dir, '..', 'node_modules', '.bin', 'jest')
  // Asynchronous: the auth server answers from this process meanwhile.
  const run = await promisify(execFile)(jest, ['--ci', '--json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, AUTH_URL: auth.url, PUBLISHABLE_KEY: auth.publishableKey },
  }).catch((error) => error)
  const report = JSON.parse(run.stdout)
  const results = report.testResults.flatMap((file) => file.assertionResults)
  assert.deepEqual(
    results.map((r) => [r.title, r.status, ...r.failureMessages]),
    [
      ['initialState: loaded at the first render, has() answers', 'passed'],
      ['no initialState: loads from the auth server, signed out', 'passed'],
    ],
    run.stderr,
  )
})

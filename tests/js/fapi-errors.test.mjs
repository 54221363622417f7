// The HTTP status to error code rule is written twice (docs/architecture.md, "Exceptions"): in the
// machine (src/client/responses.rs), for the session's requests, and in js/client/portal.js, for
// the environment that redirectToSignIn() reads outside it. This test ties the two: the dev server
// answers each status to both, and both fail with the same code.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createAuthClient } from 'wasm-auth'
import { startTestAuthServer } from '../support/auth-server.mjs'

// Statuses both endpoints may answer (Clerk's spec lists 400 for both; 429 and 5xx go anywhere);
// the retried ones fail once the machine's retries give up.
const EXPECTED = { 400: 'request-rejected', 429: 'rate-limited', 500: 'server-error', 503: 'server-error' }

describe("the machine's and js/client/portal.js's reading of a failed answer", () => {
  let auth
  before(async () => (auth = await startTestAuthServer()))
  after(() => auth?.stop())

  for (const [status, code] of Object.entries(EXPECTED)) {
    test(`${status}: ${code} from both`, async () => {
      await auth.clearFaults()
      await auth.fault({ route: 'client', status: Number(status) })
      await auth.fault({ route: 'environment', status: Number(status) })
      const client = createAuthClient({ frontendApi: auth.url })
      const failed = (promise) =>
        promise.then(
          () => 'resolved',
          (e) => [e.code, e.status],
        )
      const [machine, portal] = await Promise.all([failed(client.load()), failed(client.redirectToSignIn())])
      assert.deepEqual(machine, [code, Number(status)], 'the machine (GET /v1/client)')
      assert.deepEqual(portal, [code, Number(status)], 'js/client/portal.js (GET /v1/environment)')
    })
  }
})

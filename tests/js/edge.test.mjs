// wasm-auth/server in an edge runtime (edge-runtime's EdgeRuntime, no Node built-ins): the
// default entry loads, verifies, and authenticates the runtime's own Request objects.
// tests/support/edge-run.mjs does the loading; this file signs the tokens and checks the results.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { KeyObject } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'
import { exportSPKI, generateKeyPair, SignJWT } from 'jose'

const ENTRY = `
import { verifyToken, authenticateRequest, TokenVerificationError, AuthError } from 'wasm-auth/server'
const { token, expired, pem } = globalThis.__input
const results = { globals: [typeof process, typeof require, typeof Buffer] }
results.sub = verifyToken(token, { jwtKey: pem }).sub
try { verifyToken(expired, { jwtKey: pem }) } catch (e) {
  results.expired = [e instanceof TokenVerificationError, e instanceof AuthError, e instanceof Error, e.reason]
}
const bearer = await authenticateRequest(new Request('https://app.example/api', { headers: { authorization: 'Bearer ' + token } }), { jwtKey: pem })
results.bearer = [bearer.isAuthenticated, bearer.userId, bearer.orgRole, bearer.has({ role: 'org:admin' }), (await bearer.getToken()) === token]
const cookie = await authenticateRequest(new Request('https://app.example/', { headers: { cookie: 'a=b; __session=' + token } }), { jwtKey: pem })
results.cookie = [cookie.isAuthenticated, cookie.sessionId]
const none = await authenticateRequest(new Request('https://app.example/'), { jwtKey: pem })
results.none = [none.isAuthenticated, none.reason, none.has({ role: 'org:admin' })]
globalThis.__results = JSON.stringify(results)
`

async function runEdge(mode) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const signer = KeyObject.from(privateKey)
  const now = Math.floor(Date.now() / 1000)
  const claims = { sub: 'user_1', sid: 'sess_1', org_id: 'org_1', org_role: 'org:admin', iat: now - 5, exp: now + 60 }
  const sign = (payload) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(signer)
  const input = {
    token: await sign(claims),
    expired: await sign({ ...claims, exp: now - 60 }),
    pem: await exportSPKI(publicKey),
  }

  const script = fileURLToPath(new URL('../support/edge-run.mjs', import.meta.url))
  const stdout = execFileSync(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', script, JSON.stringify(input), ENTRY, mode],
    { encoding: 'utf8' },
  )
  return JSON.parse(stdout.trim().split('\n').at(-1))
}

function assertWorks(results) {
  assert.deepEqual(results.globals, ['undefined', 'undefined', 'undefined'], 'no Node globals in the runtime')
  assert.equal(results.sub, 'user_1')
  assert.deepEqual(results.expired, [true, true, true, 'token-expired'])
  assert.deepEqual(results.bearer, [true, 'user_1', 'org:admin', true, true])
  assert.deepEqual(results.cookie, [true, 'sess_1'])
  assert.deepEqual(results.none, [false, 'session-token-missing', false])
}

test('the edge entry works in an edge runtime without Node built-ins', async () => {
  assertWorks(await runEdge('default'))
})

// Next.js middleware resolves `edge-light` and hands `?module` wasm imports over compiled: that
// entry must work with wasm code generation switched off in the runtime.
test('the edge-light entry (Next.js middleware) works with precompiled wasm and no wasm code generation', async () => {
  assertWorks(await runEdge('edge-light'))
})

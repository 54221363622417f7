// wasm-auth/server in an edge runtime (edge-runtime's EdgeRuntime, no Node built-ins): the
// default entry loads, verifies, authenticates the runtime's own Request objects, answers a
// document request that needs a handshake with its redirect, and fetches the JWKS itself (from a
// server this file starts; the same server answering 500 gives the typed error). Then the
// handshake with the dev server (a development instance, reached through proxyUrl): the redirect
// to it, and the completion of the token it sent back, keys fetched from it. Next 16's proxy runs
// on Node.js; this keeps the edge path (its `middleware.js`, Vercel's edge functions) tested.
// tests/support/edge-run.mjs does the loading; this file signs the tokens and checks the results.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { after, before, test } from 'node:test'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { APP_ORIGIN, startTestAuthServer } from '../support/auth-server.mjs'

const ENTRY = `
import { verifyToken, verifyTokenSync, authenticateRequest, TokenVerificationError, AuthError } from 'wasm-auth/server'
const { token, expired, pem, uat, jwksUrl, brokenUrl } = globalThis.__input
const results = { globals: [typeof process, typeof require, typeof Buffer] }
results.sub = verifyTokenSync(token, { jwtKey: pem }).sub
results.promised = (await verifyToken(token, { jwtKey: pem })).sub
try { verifyTokenSync(expired, { jwtKey: pem }) } catch (e) {
  results.expired = [e instanceof TokenVerificationError, e instanceof AuthError, e instanceof Error, e.reason]
}
const bearer = await authenticateRequest(new Request('https://app.example/api', { headers: { authorization: 'Bearer ' + token } }), { jwtKey: pem })
results.bearer = [bearer.isAuthenticated, bearer.userId, bearer.orgRole, bearer.has({ role: 'org:admin' }), (await bearer.getToken()) === token]
const cookie = await authenticateRequest(new Request('https://app.example/', { headers: { cookie: 'a=b; __session=' + token + '; __client_uat=' + uat } }), { jwtKey: pem })
results.cookie = [cookie.isAuthenticated, cookie.sessionId]
const none = await authenticateRequest(new Request('https://app.example/'), { jwtKey: pem })
results.none = [none.isAuthenticated, none.reason, none.has({ role: 'org:admin' })]
const document = new Request('https://app.example/page', { headers: { cookie: '__session=' + expired + '; __client_uat=' + uat, 'sec-fetch-dest': 'document' } })
const handshake = await authenticateRequest(document, { jwtKey: pem, frontendApi: 'https://clerk.app.example' })
results.handshake = [handshake.status, handshake.reason, new URL(handshake.headers.get('location')).pathname]
results.fetched = (await verifyToken(token, { jwksUrl })).sub
const fetchedCookie = await authenticateRequest(new Request('https://app.example/', { headers: { cookie: '__session=' + token + '; __client_uat=' + uat } }), { jwksUrl })
results.fetchedCookie = [fetchedCookie.status, fetchedCookie.userId]
try { await verifyToken(token, { jwksUrl: brokenUrl }) } catch (e) { results.broken = [e instanceof TokenVerificationError, e.reason] }
const { publishableKey, proxyUrl, back, handshakeBack } = globalThis.__input.devServer
const instance = { publishableKey, proxyUrl }
const synced = await authenticateRequest(new Request(back, { headers: { 'sec-fetch-dest': 'document' } }), instance)
results.synced = [synced.status, synced.reason, synced.headers.get('location')]
const completed = await authenticateRequest(new Request(handshakeBack, { headers: { 'sec-fetch-dest': 'document' } }), instance)
results.completed = [completed.status, completed.userId, completed.headers.get('location'), completed.headers.getSetCookie().map((c) => c.split('=')[0])]
globalThis.__results = JSON.stringify(results)
`

// The JWKS the edge runtime fetches (/jwks.json), and a broken one (/broken: HTTP 500); the dev
// server, and a browser signed in on it as the Account Portal leaves one.
let jwksServer, keys, devServer, signedIn
before(async () => {
  devServer = await startTestAuthServer({ instance: 'development' })
  signedIn = devServer.browser()
  await signedIn.signIn('user_alice')
  keys = await generateKeyPair('RS256', { extractable: true })
  const jwks = JSON.stringify({
    keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'edge', alg: 'RS256', use: 'sig' }],
  })
  jwksServer = createServer((req, res) => {
    res.writeHead(req.url === '/jwks.json' ? 200 : 500, { 'content-type': 'application/json' })
    res.end(req.url === '/jwks.json' ? jwks : '{}')
  })
  await new Promise((resolve) => jwksServer.listen(0, '127.0.0.1', resolve))
})
after(async () => {
  jwksServer?.close()
  await devServer?.stop()
})

/** The app's URL back from sign-in (with the dev browser), and back from the dev server's handshake. */
async function devServerInput() {
  const back = `${APP_ORIGIN}/page?__clerk_db_jwt=${signedIn.devBrowserToken}`
  const query = new URLSearchParams({ redirect_url: `${APP_ORIGIN}/page`, format: 'token', suffixed_cookies: 'false' })
  const response = await signedIn.request(`/v1/client/handshake?${query}`)
  assert.equal(response.status, 307)
  const handshakeBack = response.headers.get('location')
  return { publishableKey: devServer.publishableKey, proxyUrl: devServer.url, back, handshakeBack }
}

async function runEdge(mode) {
  const signer = KeyObject.from(keys.privateKey)
  const now = Math.floor(Date.now() / 1000)
  const claims = { sub: 'user_1', sid: 'sess_1', org_id: 'org_1', org_role: 'org:admin', iat: now - 5, exp: now + 60 }
  const sign = (payload) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'edge' }).sign(signer)
  const { port } = jwksServer.address()
  const input = {
    token: await sign(claims),
    expired: await sign({ ...claims, exp: now - 60 }),
    pem: await exportSPKI(keys.publicKey),
    uat: now - 10,
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    brokenUrl: `http://127.0.0.1:${port}/broken`,
    devServer: await devServerInput(),
  }

  const script = fileURLToPath(new URL('../support/edge-run.mjs', import.meta.url))
  // Asynchronous: the JWKS server above answers from this process meanwhile.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings', script, JSON.stringify(input), ENTRY, mode],
    { encoding: 'utf8' },
  )
  return JSON.parse(stdout.trim().split('\n').at(-1))
}

function assertWorks(results) {
  assert.deepEqual(results.globals, ['undefined', 'undefined', 'undefined'], 'no Node globals in the runtime')
  assert.equal(results.sub, 'user_1')
  assert.equal(results.promised, 'user_1')
  assert.deepEqual(results.expired, [true, true, true, 'token-expired'])
  assert.deepEqual(results.bearer, [true, 'user_1', 'org:admin', true, true])
  assert.deepEqual(results.cookie, [true, 'sess_1'])
  assert.deepEqual(results.none, [false, 'session-token-and-uat-missing', false])
  assert.deepEqual(results.handshake, [
    'handshake',
    'session-token-expired-refresh-non-eligible-no-refresh-cookie',
    '/v1/client/handshake',
  ])
  assert.equal(results.fetched, 'user_1', 'keys fetched from the JWKS URL')
  assert.deepEqual(results.fetchedCookie, ['signed-in', 'user_1'])
  assert.deepEqual(results.broken, [true, 'jwk-remote-failed-to-load'])
  const [status, reason, location] = results.synced
  assert.deepEqual([status, reason], ['handshake', 'dev-browser-sync'])
  assert.equal(location.split('?')[0], `${devServer.url}/v1/client/handshake`, 'the dev server, through proxyUrl')
  assert.equal(new URL(location).searchParams.get('__clerk_db_jwt'), signedIn.devBrowserToken)
  assert.deepEqual(results.completed, [
    'signed-in',
    'user_alice',
    '/page', // the clean URL, on the app's origin
    ['__session', '__client_uat', '__clerk_db_jwt'],
  ])
}

test('the edge entry works in an edge runtime without Node built-ins', async () => {
  assertWorks(await runEdge('default'))
})

// Next.js middleware resolves `edge-light` and hands `?module` wasm imports over compiled: that
// entry must work with wasm code generation switched off in the runtime.
test('the edge-light entry (Next.js middleware) works with precompiled wasm and no wasm code generation', async () => {
  assertWorks(await runEdge('edge-light'))
})

// authenticateRequest against @clerk/backend's, networkless on both sides (Clerk's with `jwtKey`,
// ours with the same PEM), on a generated matrix of requests: a production and a development
// instance; the session token in the Authorization header or not; the __session cookie absent,
// valid, expired, foreign (another instance's key and issuer) or malformed; __client_uat absent,
// zero, older or newer than the token (newer: the token is stale) or malformed; plain or suffixed
// cookie names; a document navigation, the same after three handshake redirects, a fetch, a form
// post; the dev browser token present or not. Every request must get the same `status` and
// `reason`, and a handshake the same Frontend API origin, path and `redirect_url`.
//
// Documented differences, not in the matrix: we ask the Frontend API for `format=token` where
// Clerk asks for `format=nonce` (the query otherwise matches); satellite syncs, the
// cross-origin-referrer handshake, organization sync and the `__refresh` cookie are out of scope;
// a refused handshake token in development answers signed out where Clerk throws.
import assert from 'node:assert/strict'
import { KeyObject } from 'node:crypto'
import { describe, test } from 'node:test'
import { createClerkClient } from '@clerk/backend'
import { getCookieSuffix } from '@clerk/shared/keys'
import { exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { authenticateRequest } from 'wasm-auth/server'

const APP = 'https://app.example.com'
const now = Math.floor(Date.now() / 1000)

async function instance(kind, host) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const publishableKey = `pk_${kind === 'production' ? 'live' : 'test'}_${btoa(`${host}$`).replace(/=+$/, '')}`
  const signer = KeyObject.from(privateKey)
  const sign = (claims) =>
    new SignJWT({ sub: 'user_1', sid: 'sess_1', azp: APP, iss: `https://${host}`, ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: `ins_${kind}` })
      .sign(signer)
  return {
    kind,
    host,
    publishableKey,
    sign,
    pem: await exportSPKI(publicKey),
    suffix: await getCookieSuffix(publishableKey),
  }
}

const instances = await Promise.all([
  instance('production', 'clerk.app.example.com'),
  instance('development', 'happy-hippo-12.clerk.accounts.dev'),
])
const foreign = await instance('production', 'clerk.elsewhere.example')

const IAT = now - 30
async function tokensFor(inst) {
  return {
    absent: undefined,
    valid: await inst.sign({ iat: IAT, nbf: IAT, exp: now + 60 }),
    expired: await inst.sign({ iat: now - 3600, nbf: now - 3600, exp: now - 60 }),
    foreign: await foreign.sign({ iat: IAT, nbf: IAT, exp: now + 60 }),
    malformed: 'not-a.jwt',
  }
}
const CLIENT_UAT = { absent: undefined, zero: '0', older: String(IAT - 30), newer: String(IAT + 20), malformed: 'abc' }
const KINDS = {
  document: { method: 'GET', headers: { 'sec-fetch-dest': 'document', accept: 'text/html' } },
  'document, 3 redirects in': {
    method: 'GET',
    headers: { 'sec-fetch-dest': 'document', accept: 'text/html' },
    cookies: ['__clerk_redirect_count=3'],
  },
  fetch: { method: 'GET', headers: { 'sec-fetch-dest': 'empty', accept: '*/*' } },
  'form post': { method: 'POST', headers: { 'sec-fetch-dest': 'document', accept: 'text/html' } },
}

function* matrix(inst, tokens) {
  for (const header of ['none', 'valid', 'expired', 'foreign', 'malformed'])
    for (const session of Object.keys(tokens))
      for (const uat of Object.keys(CLIENT_UAT))
        for (const naming of ['plain', 'suffixed'])
          for (const kind of Object.keys(KINDS))
            for (const devBrowser of [false, true]) yield { header, session, uat, naming, kind, devBrowser }
}

function request(inst, tokens, c) {
  const name = (cookie) => (c.naming === 'suffixed' ? `${cookie}_${inst.suffix}` : cookie)
  const cookies = [...(KINDS[c.kind].cookies ?? [])]
  if (tokens[c.session]) cookies.push(`${name('__session')}=${tokens[c.session]}`)
  if (CLIENT_UAT[c.uat] !== undefined) cookies.push(`${name('__client_uat')}=${CLIENT_UAT[c.uat]}`)
  if (c.devBrowser) cookies.push(`${name('__clerk_db_jwt')}=dvb_2abc`)
  const headers = { ...KINDS[c.kind].headers }
  if (cookies.length) headers.cookie = cookies.join('; ')
  if (c.header !== 'none') headers.authorization = `Bearer ${tokens[c.header]}`
  return () => new Request(`${APP}/dashboard?tab=1`, { method: KINDS[c.kind].method, headers })
}

/** What is compared: status, reason, and for a handshake where it sends the browser. */
function outcome(state) {
  const location = state.headers.get('location')
  if (state.status !== 'handshake' || !location) return { status: state.status, reason: state.reason }
  const url = new URL(location)
  return {
    status: state.status,
    reason: state.reason,
    redirect: `${url.origin}${url.pathname}`,
    redirect_url: url.searchParams.get('redirect_url'),
  }
}

const quietly = async (fn) => {
  const { log, warn, error } = console
  console.log = console.warn = console.error = () => {} // Clerk logs its loop guard and warnings
  try {
    return await fn()
  } finally {
    Object.assign(console, { log, warn, error })
  }
}

let total = 0
const counts = {}
for (const inst of instances) {
  describe(`differential against @clerk/backend: ${inst.kind} instance`, async () => {
    const tokens = await tokensFor(inst)
    const clerk = createClerkClient({
      publishableKey: inst.publishableKey,
      secretKey: inst.kind === 'production' ? 'sk_live_unused' : 'sk_test_unused',
      jwtKey: inst.pem,
    })
    const ours = { publishableKey: inst.publishableKey, jwtKey: inst.pem }

    test('every request of the matrix: same status and reason, same handshake target', async () => {
      const mismatches = []
      let n = 0
      for (const c of matrix(inst, tokens)) {
        const make = request(inst, tokens, c)
        const theirs = outcome(await quietly(() => clerk.authenticateRequest(make())))
        const mine = outcome(await authenticateRequest(make(), ours))
        n++
        const key = `${mine.status} ${mine.reason}`
        counts[key] = (counts[key] ?? 0) + 1
        try {
          assert.deepEqual(mine, theirs)
        } catch {
          mismatches.push({ case: c, ours: mine, clerk: theirs })
        }
      }
      total += n
      console.log(`${inst.kind}: ${n} requests, ${mismatches.length} differences`)
      assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${n} requests differ`)
    })

    test('a handshake redirect carries what Clerk puts in it, but format=token', async () => {
      const c = {
        header: 'none',
        session: 'expired',
        uat: 'older',
        naming: 'plain',
        kind: 'document',
        devBrowser: true,
      }
      const make = request(inst, tokens, c)
      const theirs = new URL((await clerk.authenticateRequest(make())).headers.get('location'))
      const mine = await authenticateRequest(make(), ours)
      const url = new URL(mine.headers.get('location'))
      theirs.searchParams.set('format', 'token')
      assert.deepEqual([...url.searchParams], [...theirs.searchParams])
      assert.equal(mine.headers.get('cache-control'), 'no-store')
      assert.deepEqual(mine.headers.getSetCookie(), ['__clerk_redirect_count=1; SameSite=Lax; HttpOnly; Max-Age=2'])
    })
  })
}

test('the matrix size and what it reached', () => {
  console.log(`differential matrix: ${total} requests across both instances`)
  for (const [key, n] of Object.entries(counts).sort()) console.log(`  ${String(n).padStart(5)}  ${key}`)
  assert.equal(total, 2 * 5 * 5 * 5 * 2 * 4 * 2)
  for (const reached of [
    'signed-in null',
    'handshake session-token-but-no-client-uat',
    'handshake client-uat-but-no-session-token',
    'handshake session-token-iat-before-client-uat',
    'handshake session-token-expired-refresh-non-eligible-no-refresh-cookie',
    'handshake dev-browser-missing',
    'signed-out session-token-and-uat-missing',
    'signed-out session-token-expired-refresh-non-eligible-non-get',
    'signed-out token-invalid',
    'signed-out token-invalid-signature',
  ]) {
    assert.ok(counts[reached] > 0, `the matrix reaches ${reached}`)
  }
})

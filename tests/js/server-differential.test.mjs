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
//
// Then generated hostile requests (fast-check): Host, X-Forwarded-Host and X-Forwarded-Proto
// naming other sites (lists, ports, the Frontend API's own host), duplicate, suffixed and other
// apps' cookies, handshake tokens (genuine, forged, signing out) and dev browser tokens in the
// query and the cookies, forged tokens carrying the instance's kid and issuer, as a Request or as
// Node's plain { url: path, headers }. Ours is configured as an app behind a path proxy
// (`proxyUrl: '/__clerk'`) with no key: the keys are fetched, and globalThis.fetch is a recorder
// that serves the one configured JWKS URL (the Frontend API the publishable key names) and records
// anything else. Every request must get Clerk's status and reason, and nothing may be fetched but
// that URL: no host a request names is ever contacted.
import assert from 'node:assert/strict'
import { KeyObject } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { createClerkClient } from '@clerk/backend'
import { getCookieSuffix } from '@clerk/shared/keys'
import fc from 'fast-check'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { authenticateRequest } from 'wasm-auth/server'

const APP = 'https://app.example.com'
const now = Math.floor(Date.now() / 1000)

async function instance(kind, host) {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
  const publishableKey = `pk_${kind === 'production' ? 'live' : 'test'}_${btoa(`${host}$`).replace(/=+$/, '')}`
  const signer = KeyObject.from(privateKey)
  const sign = (claims, kid = `ins_${kind}`) =>
    new SignJWT({ sub: 'user_1', sid: 'sess_1', azp: APP, iss: `https://${host}`, ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .sign(signer)
  return {
    kind,
    host,
    publishableKey,
    sign,
    pem: await exportSPKI(publicKey),
    jwk: { ...(await exportJWK(publicKey)), kid: `ins_${kind}`, alg: 'RS256', use: 'sig' },
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

describe("generated hostile requests: Clerk's answers, and no fetch but the configured keys", () => {
  const realFetch = globalThis.fetch
  const fetched = [] // every URL asked for: the recorder answers the configured JWKS URL alone
  const jwksFor = new Map(instances.map((inst) => [`https://${inst.host}/.well-known/jwks.json`, inst.jwk]))
  before(() => {
    globalThis.fetch = async (input) => {
      const url = String(input instanceof Request ? input.url : input)
      fetched.push(url)
      const jwk = jwksFor.get(url)
      return jwk ? Response.json({ keys: [jwk] }) : new Response('{}', { status: 404 })
    }
  })
  after(() => {
    globalThis.fetch = realFetch
  })

  // Hosts a request may claim: other sites, the app, the Frontend API itself, loopback, odd forms.
  const hosts = [
    'evil.example.net',
    'evil.example.net:8443',
    'app.example.com',
    'clerk.app.example.com',
    'happy-hippo-12.clerk.accounts.dev',
    'other.accounts.dev',
    '127.0.0.1:9',
    'localhost:3000',
    '[::1]:1',
    'user@evil.example.net',
    'evil.example.net/path',
  ]
  const pick = (...values) => fc.constantFrom(...values)
  const host = pick(...hosts)
  const RUNS = 3000 // per instance: about 4 s each

  for (const inst of instances) {
    test(`${inst.kind} instance: ${RUNS} generated requests`, async () => {
      const attacker = await instance(inst.kind, inst.host) // the same host and kid, another key
      const at = { iat: IAT, nbf: IAT, exp: now + 60 }
      const tokens = {
        valid: await inst.sign(at),
        expired: await inst.sign({ iat: now - 3600, nbf: now - 3600, exp: now - 60 }),
        forged: await attacker.sign({ ...at, sub: 'user_attacker' }),
        'forged, another issuer': await attacker.sign({ ...at, sub: 'user_attacker', iss: 'https://evil.example.net' }),
        malformed: 'not-a.jwt',
      }
      const cookiesOf = (token) => [`__session=${token}; Path=/`, `__client_uat=${IAT}; Path=/`]
      const handshakes = {
        'signs in': await inst.sign({ ...at, handshake: cookiesOf(tokens.valid) }),
        'signs out': await inst.sign({ ...at, handshake: ['__session=; Path=/; Max-Age=0', '__client_uat=0; Path=/'] }),
        forged: await attacker.sign({ ...at, handshake: cookiesOf(tokens.forged) }),
        'carries a forged session': await inst.sign({ ...at, handshake: cookiesOf(tokens.forged) }),
      }
      const suffixed = (name) => pick(name, `${name}_${inst.suffix}`, `${name}_Zm9vYmFy`)
      const session = pick(...Object.values(tokens), '')
      const handshake = pick(...Object.values(handshakes))
      const cookie = fc.oneof(
        fc.tuple(suffixed('__session'), session),
        fc.tuple(suffixed('__client_uat'), pick('0', String(IAT - 30), String(IAT + 20), 'abc', '')),
        fc.tuple(suffixed('__clerk_db_jwt'), pick('dvb_2abc', '')),
        fc.tuple(pick('__clerk_handshake'), handshake),
        fc.tuple(pick('__clerk_redirect_count'), pick('0', '2', '3', 'x')),
      )
      const param = fc.oneof(
        fc.tuple(pick('__clerk_handshake'), handshake),
        fc.tuple(pick('__clerk_db_jwt', '__dev_session'), pick('dvb_q1')),
        fc.tuple(pick('__clerk_help', 'tab'), pick('1')),
      )
      const hostile = fc.record({
        shape: pick('Request', 'Node'),
        path: pick('/dashboard', '/', '//evil.example.net/x', '/api/me'),
        query: fc.array(param, { maxLength: 3 }),
        host: fc.option(host, { nil: undefined }),
        forwardedHost: fc.option(
          fc.oneof(
            host,
            fc.tuple(host, host).map(([a, b]) => `${a}, ${b}`),
          ),
          {
            nil: undefined,
          },
        ),
        forwardedProto: fc.option(pick('http', 'https', 'https, http', 'ftp'), { nil: undefined }),
        kind: pick('document', 'fetch'),
        method: pick('GET', 'GET', 'GET', 'POST'),
        // A bearer token decides alone: a third of the requests carry one, the rest go by cookies.
        bearer: fc.oneof(
          { weight: 2, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: pick(...Object.keys(tokens)) },
        ),
        cookies: fc.array(cookie, { maxLength: 6 }),
      })

      /** The generated request as ours receives it, and as a Request for Clerk. */
      function requests(c) {
        const headers =
          c.kind === 'document' ? { 'sec-fetch-dest': 'document', accept: 'text/html' } : { accept: '*/*' }
        // Node's IncomingMessage always has a Host (HTTP/1.1 requires one).
        const hostHeader = c.host ?? (c.shape === 'Node' ? 'app.example.com' : undefined)
        if (hostHeader) headers.host = hostHeader
        if (c.forwardedHost) headers['x-forwarded-host'] = c.forwardedHost
        if (c.forwardedProto) headers['x-forwarded-proto'] = c.forwardedProto
        if (c.bearer) headers.authorization = `Bearer ${tokens[c.bearer]}`
        if (c.cookies.length) headers.cookie = c.cookies.map(([name, value]) => `${name}=${value}`).join('; ')
        const query = c.query.length ? `?${new URLSearchParams(c.query)}` : ''
        const url = `${c.path}${query}`
        // Clerk takes a Request: a Node adapter makes one of http://<Host><path>, which Clerk's
        // deriveUrlFromHeaders then reads as ours reads the plain object.
        const origin = c.shape === 'Node' ? 'http://app.example.com' : APP
        const clerkRequest = () => new Request(`${origin}${url}`, { method: c.method, headers })
        const ours = c.shape === 'Request' ? clerkRequest() : { url, method: c.method, headers }
        return { ours, clerkRequest }
      }

      const options = { publishableKey: inst.publishableKey, proxyUrl: '/__clerk' }
      const clerk = createClerkClient({
        publishableKey: inst.publishableKey,
        secretKey: inst.kind === 'production' ? 'sk_live_unused' : 'sk_test_unused',
        jwtKey: inst.pem,
      })
      const configured = `https://${inst.host}/.well-known/jwks.json`
      const reached = {}
      let clerkThrew = 0
      const started = Date.now()
      await fc.assert(
        fc.asyncProperty(hostile, async (c) => {
          const { ours, clerkRequest } = requests(c)
          const from = fetched.length
          const mine = await authenticateRequest(ours, options)
          let theirs
          try {
            theirs = await quietly(() => clerk.authenticateRequest(clerkRequest(), { proxyUrl: '/__clerk' }))
          } catch {
            theirs = null // Clerk throws for a refused handshake token in development; ours signs out
          }
          const named = [c.host, ...(c.forwardedHost?.split(',') ?? [])].filter(Boolean).map((h) => h.trim())
          for (const url of fetched.slice(from)) {
            assert.equal(url, configured, `fetched ${url}; the request named ${named.join(', ')}`)
          }
          const key = `${mine.status} ${mine.reason}`
          reached[key] = (reached[key] ?? 0) + 1
          if (!theirs) {
            clerkThrew++
            assert.equal(inst.kind, 'development')
            assert.equal(mine.status, 'signed-out')
            return
          }
          assert.deepEqual(
            { status: mine.status, reason: mine.reason, userId: mine.userId },
            { status: theirs.status, reason: theirs.reason, userId: theirs.toAuth()?.userId ?? null },
          )
          const location = mine.headers.get('location')
          // A Location on the app's own origin is relative and cannot be read as another host.
          assert.ok(location === null || /^\/(?![/\\])/.test(location), `Location: ${location}`)
          if (mine.status === 'handshake') {
            // Clerk joins the path proxy to the origin the request claims; ours leaves it a path.
            const ourUrl = new URL(location, 'https://anywhere.example')
            const theirUrl = new URL(theirs.headers.get('location'))
            assert.equal(ourUrl.pathname, '/__clerk/v1/client/handshake')
            assert.ok(theirUrl.pathname.endsWith(ourUrl.pathname), theirUrl.href)
            const back = ourUrl.searchParams.get('redirect_url')
            // A path that starts with // stays a path in ours; Clerk reads it as a host once it
            // joins it to a forwarded origin. Otherwise redirect_url is Clerk's.
            if (c.path.startsWith('//')) assert.equal(new URL(back).pathname, c.path)
            else assert.equal(back, theirUrl.searchParams.get('redirect_url'))
          }
        }),
        { numRuns: RUNS },
      )
      const elapsed = Date.now() - started
      console.log(
        `${inst.kind}: ${RUNS} generated hostile requests in ${elapsed} ms, ${clerkThrew} where Clerk throws; ` +
          `${fetched.filter((u) => u === configured).length} fetches, all of ${configured}`,
      )
      for (const [key, n] of Object.entries(reached).sort()) console.log(`  ${String(n).padStart(5)}  ${key}`)
      assert.ok(reached['signed-in null'] > 0 && Object.keys(reached).some((k) => k.startsWith('handshake')))
    })
  }
})

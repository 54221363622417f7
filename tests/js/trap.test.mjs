// A trap inside the wasm (an `unreachable`, an allocation that failed) used to leave the module
// instance dead for good: every later call threw RuntimeError, and authenticateRequest answered
// every valid token signed out until the process restarted. Here the trap is real: a test-only
// export makes the next allocation in wasm trap (src/allocator.rs), in the middle of a real call.
// The call fails with AuthError `internal-error`; the instance is replaced; every later call works,
// checkers and key sets made before the trap included, and the JWKS is not fetched again.
import assert from 'node:assert/strict'
import { KeyObject } from 'node:crypto'
import { createServer } from 'node:http'
import { after, before, test } from 'node:test'
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { AuthError, authObjectFromClaims, createCheckAuthorization, decodeJwt } from 'wasm-auth'
import { authenticateRequest, verifyToken, verifyTokenSync } from 'wasm-auth/server'
import * as wasm from '../../node_modules/wasm-auth/wasm.js'

const now = Math.floor(Date.now() / 1000)
const claims = { v: 2, sub: 'user_1', sid: 'sess_1', iat: now - 5, exp: now + 600, fea: 'o:reports' }
claims.o = { id: 'org_1', rol: 'admin', per: 'read,manage', fpm: '3' }
const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
const jwk = { ...(await exportJWK(publicKey)), kid: 'ins_1', alg: 'RS256', use: 'sig' }
const jwtKey = await exportSPKI(publicKey)
const token = await new SignJWT(claims)
  .setProtectedHeader({ alg: 'RS256', kid: 'ins_1' })
  .sign(KeyObject.from(privateKey))

let server, jwksUrl
let fetches = 0
before(async () => {
  server = createServer((req, res) => {
    fetches++
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  jwksUrl = `http://127.0.0.1:${server.address().port}/.well-known/jwks.json`
})
after(() => server.close())

/** Runs `call` with the next allocation in the `role`'s wasm armed to trap; returns what it threw. */
function trapping(role, call) {
  wasm.armTrapForTests(role)
  try {
    call()
  } catch (error) {
    return error
  }
  assert.fail('the armed trap did not fire')
}

const internal = (error) => error instanceof AuthError && error.code === 'internal-error'

test('a trap fails its call with internal-error; the instance is replaced and every later call works', async () => {
  const has = createCheckAuthorization({ userId: 'user_1', orgId: 'org_1', orgRole: 'org:admin' })
  const fromClaims = authObjectFromClaims(claims).orgPermissions
  assert.equal(has({ role: 'org:admin' }), true)
  assert.equal((await verifyToken(token, { jwksUrl })).sub, 'user_1')
  const [memory, generation] = [wasm.memory, wasm.generation]

  const error = trapping('core', () => decodeJwt(token))
  assert.ok(internal(error), `threw ${error}`)
  assert.ok(error.cause instanceof WebAssembly.RuntimeError, 'the trap is the cause')
  assert.equal(wasm.generation, generation + 1)
  assert.notEqual(wasm.memory, memory, 'a fresh instance, with its own memory')

  assert.equal(decodeJwt(token).payload.sub, 'user_1')
  assert.deepEqual(authObjectFromClaims(claims).orgPermissions, fromClaims)
  assert.equal(has({ role: 'org:admin' }), true, 'a checker made before the trap')
  assert.equal(has({ role: 'org:member' }), false)
  assert.equal(createCheckAuthorization({ userId: 'u', orgId: 'o', orgRole: 'a' })({ role: 'a' }), true)
  assert.equal(verifyTokenSync(token, { jwtKey }).sub, 'user_1', 'a PEM key set parsed again')
  assert.equal((await verifyToken(token, { jwksUrl })).sub, 'user_1', 'the remote key set parsed again')
  assert.equal(fetches, 1, 'from the JWKS text kept, not fetched again')
  const request = new Request('https://app.example/api', { headers: { authorization: `Bearer ${token}` } })
  const auth = await authenticateRequest(request, { jwtKey })
  assert.equal(auth.status, 'signed-in')
  assert.equal(auth.has({ permission: 'org:reports:manage' }), true)
})

test('a trap during verification fails that verification only', async () => {
  const error = trapping('verifier', () => verifyTokenSync(token, { jwtKey: jwtKey.replace('\n', '\n\n') }))
  assert.ok(internal(error), `threw ${error}`)
  assert.equal(verifyTokenSync(token, { jwtKey }).sub, 'user_1')
  const request = new Request('https://app.example/api', { headers: { authorization: `Bearer ${token}` } })
  assert.equal((await authenticateRequest(request, { jwtKey })).userId, 'user_1')
})

test('traps in a row: each is survived', () => {
  for (let i = 0; i < 20; i++) {
    assert.ok(internal(trapping('core', () => authObjectFromClaims(claims))))
    assert.equal(authObjectFromClaims(claims).orgRole, 'org:admin')
  }
})

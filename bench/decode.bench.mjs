// Token string → auth object: ours (decodeJwt + authObjectFromClaims, in wasm) against
// @clerk/backend's decodeJwt + @clerk/shared's claims parser, and against jwt-decode + the same
// parser. Same tokens, same process, alternating rounds. First 16 tokens over and over (a server's
// regular users: what a memo would serve, and authObjectFromClaims keeps none), then 4,096 tokens
// each with its own organization and role. Last, a hostile token: 256 KiB of `1e-300`, the number
// that needs the slow exact path of a decimal reader, decoded, and verified (signature, then the
// payload parsed into values in Rust).
import { decodeJwt as clerkDecode } from '@clerk/backend/jwt'
import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser'
import { jwtDecode } from 'jwt-decode'
import { verifyToken as clerkVerify } from '@clerk/backend'
import { SignJWT } from 'jose'
import { authObjectFromClaims, decodeJwt } from 'wasm-auth'
import { verifyToken } from 'wasm-auth/server'
import { compare, format } from './harness.mjs'
import { makeTokens } from './tokens.mjs'

const { tokens, privateKey, publicKeyPem } = await makeTokens(16)
const n = tokens.length
console.log(`tokens: ${n}, ${Math.round(tokens.reduce((s, t) => s + t.length, 0) / n)} characters on average`)

const OURS = 'wasm-auth decodeJwt + authObjectFromClaims'
const CLERK = '@clerk/backend decodeJwt + @clerk/shared'
const verdict = (title, medians) => {
  const ratio = medians[OURS] / medians[CLERK]
  console.log(`  target ours/@clerk <= 0.5 (${title}): ${ratio <= 0.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`)
}

verdict(
  'the same 16 users again',
  compare('token string -> auth object, per token (16 tokens, over and over)', {
    [OURS]: (i) => authObjectFromClaims(decodeJwt(tokens[i % n]).payload).userId,
    [CLERK]: (i) => clerkParse(clerkDecode(tokens[i % n]).payload).userId,
    'jwt-decode + @clerk/shared': (i) => clerkParse(jwtDecode(tokens[i % n])).userId,
  }),
)

// Every token carries its own organization and role: nothing in common to reuse.
const { tokens: fresh } = await makeTokens(4096, { roles: true })
const m = fresh.length
verdict(
  'every organization and role new',
  compare(`token string -> auth object, per token (${m} tokens, each its own organization and role)`, {
    [OURS]: (i) => authObjectFromClaims(decodeJwt(fresh[i % m]).payload).orgId,
    [CLERK]: (i) => clerkParse(clerkDecode(fresh[i % m]).payload).orgId,
  }),
)

compare('decodeJwt alone, per token', {
  'wasm-auth decodeJwt': (i) => decodeJwt(tokens[i % n]).payload.sub,
  '@clerk/backend decodeJwt': (i) => clerkDecode(tokens[i % n]).payload.sub,
  'jwt-decode': (i) => jwtDecode(tokens[i % n]).sub,
})

// A 256 KiB token whose payload holds an array of `1e-300`, unsigned for decodeJwt and signed for
// verifyToken (which checks the signature, then parses the payload into values in Rust).
const b64 = (text) => Buffer.from(text).toString('base64url')
const numbers = Array.from({ length: 26_000 }, () => 1e-300)
const now = Math.floor(Date.now() / 1000)
const hostileClaims = { sub: 'user_1', iat: now, nbf: now - 10, exp: now + 3600, n: numbers }
const hostile = `${b64('{"alg":"RS256","typ":"JWT"}')}.${b64(JSON.stringify(hostileClaims))}.${b64('sig')}`
const signed = await new SignJWT(hostileClaims).setProtectedHeader({ alg: 'RS256', typ: 'JWT' }).sign(privateKey)
console.log(
  `\nhostile token: ${(signed.length / 1024).toFixed(0)} KiB, ${numbers.length.toLocaleString('en-US')} numbers 1e-300`,
)
compare('decodeJwt, hostile-number token', {
  'wasm-auth decodeJwt': () => decodeJwt(hostile).payload.sub,
  '@clerk/backend decodeJwt': () => clerkDecode(hostile).payload.sub,
})

// verifyToken may answer with a promise (Clerk's does): medians of alternating awaited calls.
const verifiers = {
  'wasm-auth verifyToken': () => verifyToken(signed, { jwtKey: publicKeyPem }),
  '@clerk/backend verifyToken': () => clerkVerify(signed, { jwtKey: publicKeyPem }),
}
const times = Object.fromEntries(Object.keys(verifiers).map((name) => [name, []]))
for (let round = 0; round < 15; round++) {
  for (const [name, verify] of Object.entries(verifiers)) {
    const start = process.hrtime.bigint()
    const payload = await verify()
    times[name].push(Number(process.hrtime.bigint() - start))
    if ((payload?.data ?? payload).n.length !== numbers.length) throw new Error(`${name} did not verify`)
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
console.log('\nverifyToken, hostile-number token (signature, then the payload parsed)')
const [ours, theirs] = Object.values(times).map(median)
for (const [name, xs] of Object.entries(times))
  console.log(`  ${name.padEnd(44)} ${format(median(xs)).padStart(10)}/op`)
console.log(`  ours/@clerk/backend = ${(ours / theirs).toFixed(2)}`)

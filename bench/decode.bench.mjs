// Token string → auth object: ours (decodeJwt + authObjectFromClaims, in wasm) against
// @clerk/backend's decodeJwt + @clerk/shared's claims parser, and against jwt-decode + the same
// parser. Same tokens, same process, alternating rounds.
import { decodeJwt as clerkDecode } from '@clerk/backend/jwt'
import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser'
import { jwtDecode } from 'jwt-decode'
import { authObjectFromClaims, decodeJwt } from 'wasm-auth'
import { compare } from './harness.mjs'
import { makeTokens } from './tokens.mjs'

const { tokens } = await makeTokens(16)
const n = tokens.length
console.log(`tokens: ${n}, ${Math.round(tokens.reduce((s, t) => s + t.length, 0) / n)} characters on average`)

const medians = compare('token string -> auth object, per token', {
  'wasm-auth decodeJwt + authObjectFromClaims': (i) => authObjectFromClaims(decodeJwt(tokens[i % n]).payload).userId,
  '@clerk/backend decodeJwt + @clerk/shared': (i) => clerkParse(clerkDecode(tokens[i % n]).payload).userId,
  'jwt-decode + @clerk/shared': (i) => clerkParse(jwtDecode(tokens[i % n])).userId,
})
const ratio = medians['wasm-auth decodeJwt + authObjectFromClaims'] / medians['@clerk/backend decodeJwt + @clerk/shared']
console.log(`  target ours/@clerk <= 0.5: ${ratio <= 0.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`)

compare('decodeJwt alone, per token', {
  'wasm-auth decodeJwt': (i) => decodeJwt(tokens[i % n]).payload.sub,
  '@clerk/backend decodeJwt': (i) => clerkDecode(tokens[i % n]).payload.sub,
  'jwt-decode': (i) => jwtDecode(tokens[i % n]).sub,
})

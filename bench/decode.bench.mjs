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
const ratio =
  medians['wasm-auth decodeJwt + authObjectFromClaims'] / medians['@clerk/backend decodeJwt + @clerk/shared']
console.log(`  target ours/@clerk <= 0.5: ${ratio <= 0.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)})`)

compare('decodeJwt alone, per token', {
  'wasm-auth decodeJwt': (i) => decodeJwt(tokens[i % n]).payload.sub,
  '@clerk/backend decodeJwt': (i) => clerkDecode(tokens[i % n]).payload.sub,
  'jwt-decode': (i) => jwtDecode(tokens[i % n]).sub,
})

// authObjectFromClaims keeps the organizations it decoded (64, by claims text): the figures above
// hit that memo, as a server does when the same users come back. Here every organization is new.
const fresh = Array.from({ length: 4096 }, (_, i) => {
  const payload = decodeJwt(tokens[i % n]).payload
  return payload.o ? { ...payload, o: { ...payload.o, id: `org_${i}` } } : { ...payload, sub: `user_${i}` }
})
compare('authObjectFromClaims alone, per claims object', {
  'wasm-auth, organizations seen before': (i) => authObjectFromClaims(fresh[i % 64]).orgId,
  'wasm-auth, every organization new': (i) => authObjectFromClaims(fresh[64 + (i % 4032)]).orgId,
  '@clerk/shared': (i) => clerkParse(fresh[i % 4096]).orgId,
})

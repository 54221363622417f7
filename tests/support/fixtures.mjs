// The shared fixture files, for the JS suites (Rust reads the same files in tests/fixtures.rs).
import { readFileSync } from 'node:fs'

const read = (name) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'))

export const hasFixtures = read('has.json')
export const claimsFixtures = read('claims.json')

/** Each has() case with its options object resolved. */
export const hasCases = hasFixtures.cases.map((c) => ({ ...c, options: hasFixtures.options[c.options] }))

export const verifyFixtures = read('verify.json')

/** verifyToken's key options for a verify.json case (`key`: a key name, 'jwks' or null). */
export function verifyKeyOptions(key) {
  if (key === 'jwks') return { jwks: verifyFixtures.jwks }
  return key ? { jwtKey: verifyFixtures.keys[key] } : {}
}

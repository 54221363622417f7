// Claims shaped to cost more than their size, through authObjectFromClaims (ours) and
// @clerk/shared's parser, on the same claims objects, alternating rounds: thousands of organization
// features granting one long permission name (the shape that once took the wasm past 2 GiB), each
// of thousands of features granting its own permission, many masks over many permissions, and the
// longest mask we read. Ours is linear in the claims (src/permissions.rs); the target is at most
// twice Clerk's time on each, and the table ends with the worst ratio.
import { __experimental_JWTPayloadToAuthObjectProperties as clerkParse } from '@clerk/shared/jwtPayloadParser'
import { authObjectFromClaims } from 'wasm-auth'
import { hostileClaims } from '../tests/support/hostile-claims.mjs'
import { compare } from './harness.mjs'

const list = (n, item) => Array.from({ length: n }, (_, i) => item(i)).join(',')
const v2 = (fea, per, fpm) => ({ v: 2, sub: 'user_1', sid: 'sess_1', fea, o: { id: 'org_1', rol: 'admin', per, fpm } })

const SHAPES = {
  '12,000 features granting one 50,000-character name': hostileClaims({ features: 12_000, nameLength: 50_000 }).claims,
  '1,000 features, 1,000 permissions, one granted each': v2(
    list(1_000, (i) => `o:f${i}`),
    list(1_000, (i) => `p${i}`),
    list(1_000, (i) => (1n << BigInt(i)).toString()),
  ),
  '200 features, 200 permissions, all granted': v2(
    list(200, (i) => `o:feature_${i}`),
    list(200, (i) => `permission_${i}`),
    list(200, () => ((1n << 200n) - 1n).toString()),
  ),
  'one 4,096-digit mask over 13,600 permissions': v2(
    'o:f',
    list(13_600, (i) => `p${i}`),
    '7'.repeat(4096),
  ),
}

let worst = { ratio: 0, shape: '' }
for (const [shape, claims] of Object.entries(SHAPES)) {
  const size = JSON.stringify(claims).length
  const ours = authObjectFromClaims(claims).orgPermissions
  const theirs = clerkParse(claims).orgPermissions
  if (ours.length !== theirs.length || ours.some((p, i) => p !== theirs[i])) throw new Error(`${shape}: not Clerk's`)
  const medians = compare(`${shape} (${(size / 1024).toFixed(0)} KiB of claims, ${ours.length} permissions)`, {
    'wasm-auth authObjectFromClaims': () => authObjectFromClaims(claims).orgPermissions.length,
    '@clerk/shared': () => clerkParse(claims).orgPermissions.length,
  })
  const ratio = medians['wasm-auth authObjectFromClaims'] / medians['@clerk/shared']
  if (ratio > worst.ratio) worst = { ratio, shape }
}
console.log(
  `\n  worst hostile shape, ours/@clerk/shared = ${worst.ratio.toFixed(2)} (${worst.shape}); ` +
    `target <= 2: ${worst.ratio <= 2 ? 'met' : 'NOT met'}`,
)

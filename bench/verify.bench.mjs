// Session-token verification throughput, networkless: wasm-auth's verifyToken against
// @clerk/backend's verifyToken (jwtKey) and jose's jwtVerify (key imported once, its fastest use).
// Same RS256 2048-bit tokens, same process, the contenders alternating round by round (the order
// rotates), a warm-up round dropped, medians reported. Also prints both wasm sizes.
import { readFileSync } from 'node:fs'
import { KeyObject } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { verifyToken as clerkVerifyToken } from '@clerk/backend'
import { exportSPKI, generateKeyPair, importSPKI, jwtVerify, SignJWT } from 'jose'
import { verifyToken } from 'wasm-auth/server'

const ROUNDS = 15
const PER_ROUND = 300
const TOKENS = 64

const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
const pem = await exportSPKI(publicKey)
const signer = KeyObject.from(privateKey)
const now = Math.floor(Date.now() / 1000)
const tokens = await Promise.all(
  Array.from({ length: TOKENS }, (_, i) =>
    new SignJWT({
      sub: `user_${i}`,
      sid: `sess_${i}`,
      azp: 'https://app.example',
      v: 2,
      o: { id: 'org_1', rol: 'admin', per: 'read', fpm: '1' },
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'ins_1' })
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + 3600)
      .sign(signer),
  ),
)
const joseKey = await importSPKI(pem, 'RS256')
const options = { jwtKey: pem, authorizedParties: ['https://app.example'] }

// Each returns the subject, so a contender that fails (or skips work) shows up at once.
const contenders = {
  'wasm-auth verifyToken': async (token) => verifyToken(token, options).sub,
  '@clerk/backend verifyToken': async (token) => (await clerkVerifyToken(token, options)).sub,
  'jose jwtVerify': async (token) => (await jwtVerify(token, joseKey)).payload.sub,
}
const names = Object.keys(contenders)

async function round(name) {
  const verify = contenders[name]
  const start = performance.now()
  for (let i = 0; i < PER_ROUND; i++) {
    const token = tokens[i % TOKENS]
    if ((await verify(token)) !== `user_${i % TOKENS}`) throw new Error(`${name} did not verify`)
  }
  return ((performance.now() - start) * 1000) / PER_ROUND // µs per verification
}

const samples = Object.fromEntries(names.map((n) => [n, []]))
for (let r = 0; r <= ROUNDS; r++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(r + k) % names.length]
    globalThis.gc?.()
    const us = await round(name)
    if (r > 0) samples[name].push(us) // round 0 warms up every contender
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const ours = median(samples[names[0]])
const rows = names.map((name) => {
  const us = median(samples[name])
  return [
    name,
    us.toFixed(1),
    Math.round(1e6 / us).toLocaleString('en'),
    name === names[0] ? '—' : (ours / us).toFixed(2),
  ]
})
console.log(`RS256, 2048-bit key, ${TOKENS} distinct tokens; ${ROUNDS} rounds x ${PER_ROUND} verifications each`)
table(['implementation', 'µs / verify (median)', 'verifies / s', 'ours / theirs'], rows)

const size = (file) => {
  const bytes = readFileSync(new URL(`../pkg/${file}`, import.meta.url))
  return [bytes.length.toLocaleString('en'), gzipSync(bytes, { level: 9 }).length.toLocaleString('en')]
}
console.log('')
table(
  ['wasm', 'bytes', 'gzip (zlib level 9)'],
  [
    ['wasm_auth_bg.wasm (client: wasm-auth, wasm-auth/react)', ...size('wasm_auth_bg.wasm')],
    ['wasm_auth_server_bg.wasm (wasm-auth/server only)', ...size('wasm_auth_server_bg.wasm')],
  ],
)

function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`
  console.log(line(head))
  console.log(`|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`)
  for (const row of rows) console.log(line(row))
}

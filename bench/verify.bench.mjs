// Session-token verification, networkless: wasm-auth's verifyTokenSync against @clerk/backend's
// verifyToken (jwtKey) and jose's jwtVerify (key imported once, its fastest use), on the same RS256
// 2048-bit tokens; then a key set passed as a JWKS object (read anew only when its content
// changes); then a hostile token: 256 KiB, unsigned, its payload full of `1e-300`, which a
// verifier that parses before it checks the signature pays for in full. Same process, contenders
// alternating round by round (the order rotates), a warm-up round dropped, medians reported.
// Targets: verifyTokenSync / Clerk <= 0.6; hostile token ours / Clerk <= 1.0.
import { readFileSync } from 'node:fs'
import { KeyObject } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { verifyToken as clerkVerifyToken } from '@clerk/backend'
import { exportJWK, exportSPKI, generateKeyPair, importSPKI, jwtVerify, SignJWT } from 'jose'
import * as server from 'wasm-auth/server'

// A build from before verifyTokenSync had a synchronous verifyToken: the bench then measures it.
const verifyTokenSync = server.verifyTokenSync ?? server.verifyToken

const ROUNDS = 15
const PER_ROUND = 300
const TOKENS = 64
const HOSTILE_PER_ROUND = 10

const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true })
const pem = await exportSPKI(publicKey)
const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'ins_1', alg: 'RS256', use: 'sig' }] }
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
const jwksOptions = { jwks, authorizedParties: ['https://app.example'] }

/** Runs `contenders` ({ name: async (i) => ok }) in alternating rounds; returns µs medians. */
async function race(contenders, perRound) {
  const names = Object.keys(contenders)
  const samples = Object.fromEntries(names.map((n) => [n, []]))
  for (let r = 0; r <= ROUNDS; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]
      globalThis.gc?.()
      const start = performance.now()
      for (let i = 0; i < perRound; i++) {
        if (!(await contenders[name](i))) throw new Error(`${name} gave the wrong answer`)
      }
      if (r > 0) samples[name].push(((performance.now() - start) * 1000) / perRound) // round 0 warms up
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]))
}

function report(title, medians, target) {
  const names = Object.keys(medians)
  const ours = medians[names[0]]
  console.log(title)
  table(
    ['implementation', 'µs / verify (median)', 'verifies / s', 'ours / theirs'],
    names.map((name) => [
      name,
      medians[name].toFixed(1),
      Math.round(1e6 / medians[name]).toLocaleString('en'),
      name === names[0] ? '—' : (ours / medians[name]).toFixed(2),
    ]),
  )
  if (target) {
    const ratio = ours / medians[target.against]
    console.log(
      `target: ${names[0]} / ${target.against} <= ${target.max}: ${ratio.toFixed(2)} ${ratio <= target.max ? 'ok' : 'MISSED'}`,
    )
  }
  console.log('')
}

// Each returns whether it got the expected subject, so a contender that fails (or skips work) shows.
const subject = (i) => `user_${i % TOKENS}`
const valid = await race(
  {
    'wasm-auth verifyTokenSync': (i) => verifyTokenSync(tokens[i % TOKENS], options).sub === subject(i),
    '@clerk/backend verifyToken': async (i) => (await clerkVerifyToken(tokens[i % TOKENS], options)).sub === subject(i),
    'jose jwtVerify': async (i) => (await jwtVerify(tokens[i % TOKENS], joseKey)).payload.sub === subject(i),
  },
  PER_ROUND,
)
report(`RS256, 2048-bit key, ${TOKENS} distinct tokens; ${ROUNDS} rounds x ${PER_ROUND} verifications each`, valid, {
  against: '@clerk/backend verifyToken',
  max: 0.6,
})

const keySets = await race(
  {
    'wasm-auth verifyTokenSync, { jwks } object': (i) =>
      verifyTokenSync(tokens[i % TOKENS], jwksOptions).sub === subject(i),
    'wasm-auth verifyTokenSync, { jwtKey } PEM': (i) => verifyTokenSync(tokens[i % TOKENS], options).sub === subject(i),
  },
  PER_ROUND,
)
report('The same tokens, the key as a JWKS object (its content compared on each call) and as a PEM', keySets)

// 256 KiB of token: a real header, a payload of `1e-300`s, a signature that is not one.
const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'ins_1' })).toString('base64url')
const numbers = Math.floor((256 * 1024 - header.length - 400) / 4 / 7) * 3 // "1e-300," is 7 bytes
const payload = Buffer.from(`{"sub":"u","exp":${now + 3600},"a":[${Array(numbers).fill('1e-300').join(',')}]}`)
const hostile = `${header}.${payload.toString('base64url')}.${Buffer.alloc(256, 7).toString('base64url')}`
if (hostile.length > 256 * 1024) throw new Error(`hostile token is ${hostile.length} bytes`)
const refused = (verify) => async () => {
  try {
    await verify(hostile, options)
    return false
  } catch (e) {
    return e?.reason === 'token-invalid-signature'
  }
}
const hostileRace = await race(
  {
    'wasm-auth verifyTokenSync': refused(verifyTokenSync),
    '@clerk/backend verifyToken': refused(clerkVerifyToken),
  },
  HOSTILE_PER_ROUND,
)
report(
  `Hostile: an unsigned ${(hostile.length / 1024).toFixed(0)} KiB token, ${numbers.toLocaleString('en')} numbers 1e-300 in its payload; ${ROUNDS} rounds x ${HOSTILE_PER_ROUND} refusals`,
  hostileRace,
  { against: '@clerk/backend verifyToken', max: 1.0 },
)

const size = (file) => {
  const bytes = readFileSync(new URL(`../pkg/${file}`, import.meta.url))
  return [bytes.length.toLocaleString('en'), gzipSync(bytes, { level: 9 }).length.toLocaleString('en')]
}
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

// Writes the small seed corpus in fuzz/seeds/verify from tests/fixtures/verify.json. The first
// byte of each input selects what the target does with the rest (fuzz_targets/verify.rs).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createPublicKey } from 'node:crypto'

const fixtures = JSON.parse(readFileSync(new URL('../tests/fixtures/verify.json', import.meta.url), 'utf8'))
const token = (name) => fixtures.cases.find((c) => c.name === name).token
const dir = new URL('./seeds/verify/', import.meta.url)
mkdirSync(dir, { recursive: true })
const seed = (name, selector, body) => writeFileSync(new URL(name, dir), Buffer.concat([Buffer.from([selector]), Buffer.from(body)]))

seed('rs256-pem', 0x00, token('RS256 valid'))
seed('rs256-pem-azp-iss', 0x04, token('order: azp before exp'))
seed('rs256-audience', 0x08, token('audience in a list'))
seed('rs512-pem', 0x10, token('RS512 valid'))
seed('jwks-k1', 0x01, token('JWKS kid k1'))
seed('jwks-dup', 0x01, token('JWKS duplicate kid: the one that fits'))
seed('es256-pem', 0x02, token('ES256 with a P-256 PEM'))
seed('alg-none', 0x00, token('alg none'))
seed('four-parts', 0x00, token('four parts'))
seed('unicode', 0x20, token('unicode claims'))
seed('key-pem', 0x03, fixtures.keys.rsa)
seed('key-jwks', 0x43, JSON.stringify(fixtures.jwks))
// The arithmetic arm: [0x81][128 → 256-byte modulus][e][n][s], from a real key and signature.
const n = Buffer.from(createPublicKey(fixtures.keys.rsa).export({ format: 'jwk' }).n, 'base64url')
const s = Buffer.from(token('RS256 valid').split('.')[2], 'base64url')
seed('modpow-2048', 0x81, Buffer.concat([Buffer.from([128, 0, 1, 0, 1]), n, s]))
// Claims shapes: [0x7f][features][names][name length][mask digits] (u16 little-endian) [digits].
const shape = (features, names, nameLength, maskDigits, digits = [1]) => {
  const head = Buffer.alloc(8)
  ;[features, names, nameLength, maskDigits].forEach((v, i) => head.writeUInt16LE(v - 1, 2 * i))
  return Buffer.concat([head, Buffer.from(digits)])
}
seed('shape-features-long-name', 0x7f, shape(12_000, 1, 20_000, 1))
seed('shape-features-by-names', 0x7f, shape(10_000, 10_000, 1, 1, [3, 7]))
seed('shape-long-masks', 0x7f, shape(70, 14_000, 1, 4_096, [9, 8, 7, 6, 5, 4, 3, 2, 1]))

// Small helpers to build (often deliberately broken) tokens in tests.
import { KeyObject, sign } from 'node:crypto'

/** base64url of a string, a byte array, or a value as JSON. */
export function b64(value) {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64url')
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')
}

/** A token from a header and payload as given (no signing), with `signature` as the third part. */
export function forge(header, payload, signature) {
  return `${b64(header)}.${b64(payload)}.${signature}`
}

/** A WebCrypto public key as PEM in another encoding, e.g. PKCS#1 ('RSA PUBLIC KEY'). */
export function keyFromPem(publicKey, type) {
  return KeyObject.from(publicKey).export({ type, format: 'pem' }).trim()
}

/** RS256 with node:crypto, for keys jose refuses (under 2048 bits). */
export function signRs256(privateKey, header, payload) {
  const input = `${b64(header)}.${b64(payload)}`
  return `${input}.${b64(new Uint8Array(sign('sha256', Buffer.from(input), privateKey)))}`
}

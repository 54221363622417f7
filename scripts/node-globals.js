// Injected into the CommonJS bundles by scripts/build.mjs (esbuild's `inject`): each name below
// replaces the global of that name in the bundle. Jest requires these bundles, and its jsdom
// environment runs them with jsdom's window as the global object, which has no TextEncoder,
// TextDecoder, crypto.subtle or fetch. Node's own then serve, from Node's realm (vm's
// runInThisContext evaluates in it), unless the global object has them: so a test's own fetch
// mock, installed on the global, is the one the client calls.
import { runInThisContext } from 'node:vm'

const node = runInThisContext('globalThis')
const own = (name) => globalThis[name] ?? node[name]

export const TextEncoder = own('TextEncoder')
export const TextDecoder = own('TextDecoder')
// The request's timeout signal comes from the realm of the fetch it goes to.
export const AbortSignal = globalThis.fetch ? globalThis.AbortSignal : node.AbortSignal
export const crypto = globalThis.crypto?.subtle ? globalThis.crypto : node.crypto
export const fetch = (...args) => own('fetch')(...args)

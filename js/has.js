// Encodes has(params) for the wasm checker without allocating: the string parameters are written
// back to back into a scratch buffer in wasm memory, and each parameter's kind is packed into one
// integer, 3 bits per parameter (the decoder is src/wasm/check.rs).
import { core, memory } from './wasm.js'

const ABSENT = 0
const TEXT = 1
const WRONG_TYPE = 2
const CUSTOM = 3 // reverification { level: string, afterMinutes }
const CUSTOM_WITHOUT_LEVEL = 4 // reverification object whose level is not a string

const encoder = new TextEncoder()
let scratch = 0
let capacity = 0
let bytes = new Uint8Array(0)
let at = 0

/** Appends `text` (UTF-8) to the scratch buffer; returns its byte length, 0 for non-strings. */
function put(text) {
  if (typeof text !== 'string') return 0
  const start = at
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c > 0x7f) {
      at += encoder.encodeInto(text.slice(i), bytes.subarray(at)).written
      return at - start
    }
    bytes[at++] = c
  }
  return at - start
}

const kind = (value) => (value === undefined ? ABSENT : typeof value === 'string' ? TEXT : WRONG_TYPE)

function reverificationKind(r) {
  if (r === undefined) return ABSENT
  if (typeof r === 'string') return TEXT
  if (r === null || typeof r !== 'object') return WRONG_TYPE
  return typeof r.level === 'string' ? CUSTOM : CUSTOM_WITHOUT_LEVEL
}

/** Asks checker `id` about `params`: 1 granted, 0 not (also for anything that is not a params
 * object), 2 the checker is no longer in the wasm table and must be registered again. */
export function check(id, params) {
  if (params === null || typeof params !== 'object') return 0
  try {
    const { role, permission, feature, plan, reverification: r } = params
    const rKind = reverificationKind(r)
    const level = rKind === CUSTOM ? r.level : r
    const afterMinutes = rKind >= CUSTOM && typeof r.afterMinutes === 'number' ? r.afterMinutes : NaN
    if (!reserve(byteBound(role) + byteBound(permission) + byteBound(feature) + byteBound(plan) + byteBound(level))) {
      return 0 // parameters too large for wasm memory: nothing could match them
    }
    const tags = kind(role) | (kind(permission) << 3) | (kind(feature) << 6) | (kind(plan) << 9) | (rKind << 12)
    return core.checkerHas(id, tags, put(role), put(permission), put(feature), put(plan), put(level), afterMinutes)
  } catch {
    return 0 // a throwing getter or Proxy in params
  }
}

const byteBound = (text) => (typeof text === 'string' ? text.length * 3 : 0)

function reserve(need) {
  if (need > capacity) {
    const wanted = Math.max(need, capacity * 2, 256)
    const grown = core.checkScratch(wanted)
    if (grown === 0) return false
    scratch = grown
    capacity = wanted
  }
  // Memory growth detaches the old buffer (its views read as empty); take a fresh view then.
  // `memory.buffer` is a slow accessor, so it is only read when the view went stale.
  if (bytes.byteLength === 0) bytes = new Uint8Array(memory.buffer)
  at = scratch
  return true
}

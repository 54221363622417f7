// has(params) for the wasm checker, without allocating and without parsing: the string parameters
// are written back to back into a scratch buffer in wasm memory, each parameter's kind is packed
// into one integer (the tags of src/abi.rs), and the checker's compiled bytes are read in place
// from an arena in wasm memory (the decoder is src/wasm/check.rs).
//
// The arena is a ring this file manages. A checker's bytes are copied in when they are not there
// and stay until the ring comes round to them again; whether they still are is two integer
// comparisons. The ring starts small and grows, up to MAX_ARENA, whenever a checker still in use
// was overwritten: as large as the checkers in use, and never larger than the bound.
import { core, memory, onReset, survive } from './wasm.js'
import {
  PARAM_ABSENT as ABSENT,
  PARAM_BITS as BITS,
  PARAM_CUSTOM as CUSTOM,
  PARAM_CUSTOM_WITHOUT_LEVEL as CUSTOM_WITHOUT_LEVEL,
  PARAM_TEXT as TEXT,
  PARAM_WRONG_TYPE as WRONG_TYPE,
} from './abi.js'

const MIN_ARENA = 16 * 1024
const MAX_ARENA = 4 * 1024 * 1024
// has()'s parameters, in UTF-8 bytes at most: wasm takes sizes as 32 bits, and no permission,
// role, feature or plan is anywhere near this long.
const MAX_SCRATCH = 16 * 1024 * 1024

const encoder = new TextEncoder()
let bytes = new Uint8Array(0) // views of wasm memory
let words = new Uint32Array(0)
let layout = -1 // where wasm keeps [scratch, its size, arena, its size], in words; -1 unknown yet
let scratch = 0
let capacity = 0
let at = 0
let arena = 0
let arenaSize = 0
// Where the ring writes next, how many times it has come round, and the lap the current arena
// began at (checkers placed before it are gone).
let ringAt = 0
let lap = 2 // never 1, so that a new checker's lap 0 is never "last lap"
let arenaLap = 2

/** A checker, from its compiled bytes (core.checkerCompile). */
export function checker(compiled) {
  return { compiled, lap: 0, at: 0 }
}

/** Asks `checker` about `params`: true or false, also for anything that is not a params object. */
export function check(checker, params) {
  if (params === null || typeof params !== 'object') return false
  try {
    const { role, permission, feature, plan, reverification: r } = params
    const rKind = reverificationKind(r)
    const level = rKind === CUSTOM ? r.level : r
    const afterMinutes = rKind >= CUSTOM && typeof r.afterMinutes === 'number' ? r.afterMinutes : NaN
    const need = byteBound(role) + byteBound(permission) + byteBound(feature) + byteBound(plan) + byteBound(level)
    // Too large for wasm memory: nothing could match.
    if (need > MAX_SCRATCH || !reserve(need) || !place(checker)) return false
    const tags =
      kind(role) |
      (kind(permission) << BITS) |
      (kind(feature) << (2 * BITS)) |
      (kind(plan) << (3 * BITS)) |
      (rKind << (4 * BITS))
    at = scratch
    // A boolean from the glue, 0 or 1 from the client build's bare export.
    return !!core.checkerHas(
      checker.at,
      tags,
      put(role),
      put(permission),
      put(feature),
      put(plan),
      put(level),
      afterMinutes,
    )
  } catch (error) {
    survive(error) // a trap: the instance is replaced (a throwing getter or Proxy in params: nothing)
    return false
  }
}

const kind = (value) => (value === undefined ? ABSENT : typeof value === 'string' ? TEXT : WRONG_TYPE)

function reverificationKind(r) {
  if (r === undefined) return ABSENT
  if (typeof r === 'string') return TEXT
  if (r === null || typeof r !== 'object') return WRONG_TYPE
  return typeof r.level === 'string' ? CUSTOM : CUSTOM_WITHOUT_LEVEL
}

/** Appends `text` (UTF-8) to the scratch buffer; returns its byte length, 0 for non-strings. */
const put = (text) => (typeof text === 'string' ? putText(text) : 0)

function putText(text) {
  const written = writeText(text, at, bytes) // reserve() made `bytes` current
  at += written
  return written
}

/**
 * Writes `text` as UTF-8 into wasm memory at `start`, where there is room for `text.length * 3`
 * bytes; returns the bytes written. ASCII is copied by hand: for short texts (has()'s parameters,
 * getToken()'s template, js/core.js) that costs less than a view for encodeInto. has() passes its
 * own current view: checking the view on each of its parameters cost it 10% (bench/has.bench.mjs).
 */
export function writeText(text, start, memory = view()) {
  let end = start
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c > 0x7f) return end - start + encoder.encodeInto(text.slice(i), memory.subarray(end)).written
    memory[end++] = c
  }
  return end - start
}

const byteBound = (text) => (typeof text === 'string' ? text.length * 3 : 0)

function reserve(need) {
  if (bytes.byteLength === 0) view()
  // Buffers moved by anyone but this file (or the first call, `layout` unknown): take them as
  // they are now, the arena's contents too.
  if (words[layout] !== scratch || words[layout + 2] !== arena) {
    if (layout < 0) layout = core.checkLayout() / 4
    ;[scratch, capacity, arena, arenaSize] = words.subarray(layout, layout + 4)
    resized()
  }
  if (need > capacity) {
    const wanted = Math.max(need, capacity * 2, 256)
    const grown = core.checkScratch(wanted)
    if (grown === 0) return false
    scratch = grown
    capacity = wanted
    view()
  }
  return true
}

/** Makes sure the checker's bytes are in the arena, copying them in if they are not. */
function place(checker) {
  // Placed this lap, or last lap beyond where this one has written so far: still there.
  if (checker.lap === lap || (checker.lap === lap - 1 && checker.at >= ringAt)) return true
  return copy(checker)
}

function copy(checker) {
  const size = checker.compiled.length
  // Placed in this arena and overwritten while still in use: the checkers in use need more room
  // than the ring has, at least what was written since (twice that, up to the bound, so that the
  // next round finds them all). A new checker's lap is 0, below every arena's.
  const written = checker.lap >= arenaLap ? (lap - checker.lap) * arenaSize + ringAt - checker.at : 0
  if ((written > 0 && arenaSize < MAX_ARENA) || size > arenaSize) {
    const wanted = Math.min(Math.max(arenaSize * 2, MIN_ARENA, 2 * written), MAX_ARENA)
    if (!resize(Math.max(wanted, size))) return false
  }
  if (ringAt + size > arenaSize) {
    lap++
    ringAt = 0
  }
  view().set(checker.compiled, arena + ringAt)
  checker.lap = lap
  checker.at = ringAt
  ringAt += size
  return true
}

function resize(size) {
  const grown = core.checkArena(size)
  if (grown === 0) return false
  arena = grown
  arenaSize = size
  resized()
  return true
}

function resized() {
  lap += 2 // whatever was placed before is gone
  arenaLap = lap
  ringAt = 0
}

// A replaced instance: its memory, buffers and arena are gone; every checker is copied in again.
onReset(() => {
  bytes = new Uint8Array(0)
  layout = -1
})

/**
 * The view of wasm memory. Memory growth detaches the old buffer (its views read as empty); a
 * fresh view is taken then. `memory.buffer` is a slow accessor, so it is only read when stale.
 */
export function view() {
  if (bytes.byteLength === 0) [bytes, words] = [new Uint8Array(memory.buffer), new Uint32Array(memory.buffer)]
  return bytes
}

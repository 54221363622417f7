// has(params) for the wasm checker, without allocating and without parsing: the string parameters
// are written back to back into a scratch buffer in wasm memory, each parameter's kind is packed
// into one integer (the tags of src/abi.rs), and the checker's compiled bytes are read in place
// from an arena in wasm memory (the decoder is src/wasm/check.rs).
//
// The arena is a ring this file manages. A checker's bytes are copied in when they are not there
// and stay until the ring comes round to them again; whether they still are is two integer
// comparisons. The ring starts small and grows, up to MAX_ARENA, whenever a checker still in use
// was overwritten: as large as the checkers in use, and never larger than the bound.
import { core, memory, onReset, survive } from '../wasm/wasm.js'
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

// The file's whole state, one object (its fields end in `_`: the browser build shortens them).
// Between calls:
// - `bytes_` and `words_` view the core instance's memory, or are empty and are taken again
//   before use (memory growth empties them; so does a replaced instance);
// - `layout_` is the word index where wasm keeps [scratch, its size, arena, its size] (-1: not
//   read yet), and `scratch_`, `capacity_`, `arena_`, `size_` are those four as this file last set
//   or read them: when wasm's differ, something else moved the buffers, and they are read again;
// - `cursor_` is where the next parameter's text goes in the scratch buffer;
// - the arena is a ring: `next_` is where the next checker goes, `lap_` counts the times the ring
//   came round (from 2, so that a new checker's lap 0 is never the last lap), and `firstLap_` is
//   the lap the current arena began at. A checker placed at `at` in lap `L` is still there if
//   `L === lap_`, or `L === lap_ - 1` and `at >= next_` (the ring has not come round to it yet).
const state = {
  bytes_: new Uint8Array(0),
  words_: new Uint32Array(0),
  layout_: -1,
  scratch_: 0,
  capacity_: 0,
  cursor_: 0,
  arena_: 0,
  size_: 0,
  next_: 0,
  lap_: 2,
  firstLap_: 2,
}

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
    state.cursor_ = state.scratch_
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
  const written = writeText(text, state.cursor_, state.bytes_) // reserve() made the view current
  state.cursor_ += written
  return written
}

/**
 * Writes `text` as UTF-8 into wasm memory at `start`, where there is room for `text.length * 3`
 * bytes; returns the bytes written. ASCII is copied by hand: for short texts (has()'s parameters,
 * getToken()'s template, js/core/core.js) that costs less than a view for encodeInto. has() passes
 * its own current view: checking the view on each of its parameters cost it 10%
 * (bench/has.bench.mjs).
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
  if (state.bytes_.byteLength === 0) view()
  const { words_: words, layout_: layout } = state
  // Buffers moved by anyone but this file (or the first call, `layout_` unknown): take them as
  // they are now, the arena's contents too.
  if (words[layout] !== state.scratch_ || words[layout + 2] !== state.arena_) {
    if (layout < 0) state.layout_ = core.checkLayout() / 4
    ;[state.scratch_, state.capacity_, state.arena_, state.size_] = words.subarray(state.layout_, state.layout_ + 4)
    resized()
  }
  if (need > state.capacity_) {
    const wanted = Math.max(need, state.capacity_ * 2, 256)
    const grown = core.checkScratch(wanted)
    if (grown === 0) return false
    state.scratch_ = grown
    state.capacity_ = wanted
    view()
  }
  return true
}

/** Makes sure the checker's bytes are in the arena, copying them in if they are not. */
function place(checker) {
  // Placed this lap, or last lap beyond where this one has written so far: still there.
  if (checker.lap === state.lap_ || (checker.lap === state.lap_ - 1 && checker.at >= state.next_)) return true
  return copy(checker)
}

function copy(checker) {
  const size = checker.compiled.length
  // Placed in this arena and overwritten while still in use: the checkers in use need more room
  // than the ring has, at least what was written since (twice that, up to the bound, so that the
  // next round finds them all). A new checker's lap is 0, below every arena's.
  const written =
    checker.lap >= state.firstLap_ ? (state.lap_ - checker.lap) * state.size_ + state.next_ - checker.at : 0
  if ((written > 0 && state.size_ < MAX_ARENA) || size > state.size_) {
    const wanted = Math.min(Math.max(state.size_ * 2, MIN_ARENA, 2 * written), MAX_ARENA)
    if (!resize(Math.max(wanted, size))) return false
  }
  if (state.next_ + size > state.size_) {
    state.lap_++
    state.next_ = 0
  }
  view().set(checker.compiled, state.arena_ + state.next_)
  checker.lap = state.lap_
  checker.at = state.next_
  state.next_ += size
  return true
}

function resize(size) {
  const grown = core.checkArena(size)
  if (grown === 0) return false
  state.arena_ = grown
  state.size_ = size
  resized()
  return true
}

function resized() {
  state.lap_ += 2 // whatever was placed before is gone
  state.firstLap_ = state.lap_
  state.next_ = 0
}

// A replaced instance: its memory, buffers and arena are gone; every checker is copied in again.
onReset(() => {
  state.bytes_ = new Uint8Array(0)
  state.layout_ = -1
})

/**
 * The view of wasm memory. Memory growth detaches the old buffer (its views read as empty); a
 * fresh view is taken then. `memory.buffer` is a slow accessor, so it is only read when stale.
 */
export function view() {
  if (state.bytes_.byteLength === 0) {
    ;[state.bytes_, state.words_] = [new Uint8Array(memory.buffer), new Uint32Array(memory.buffer)]
  }
  return state.bytes_
}

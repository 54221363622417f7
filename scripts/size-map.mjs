// Where the client wasm's bytes go (scripts/size.mjs --map). It builds the client wasm as
// build.mjs does but keeps the function names, reads the module itself (section sizes, each
// function body, each data segment), and groups the bytes by crate, by module of this crate, and
// by function. twiggy (installed by scripts/setup.sh) adds what a reader of bytes cannot see: who
// calls the formatting machinery (core::fmt), the thing most cuts remove.
//
// gzip is not additive, so "gzip est." shares out the real gzip -9 size of the whole wasm in
// proportion to how well each group compresses alone (raw deflate of its bytes, in module order).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { deflateRawSync, gzipSync } from 'node:zlib'
import { CLIENT, buildWasm, root } from './wasm-build.mjs'

const SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start']
SECTIONS.push('element', 'code', 'data', 'data count', 'tag')

function reader(bytes, at = 0) {
  const r = {
    at,
    u8: () => bytes[r.at++],
    leb() {
      let value = 0
      let shift = 0
      for (;;) {
        const b = bytes[r.at++]
        value += (b & 0x7f) * 2 ** shift
        shift += 7
        if (b < 0x80) return value
      }
    },
    bytes(n) {
      r.at += n
      return bytes.subarray(r.at - n, r.at)
    },
    name: () => new TextDecoder().decode(r.bytes(r.leb())),
  }
  return r
}

/** Sections, function bodies (with their names) and data segments of a wasm module. */
export function readWasm(bytes) {
  const r = reader(bytes, 8)
  const sections = []
  const bodies = []
  const data = []
  const names = new Map()
  const dataNames = new Map()
  let imported = 0
  while (r.at < bytes.length) {
    const header = r.at
    const id = r.u8()
    const size = r.leb()
    const start = r.at
    const s = reader(bytes, start)
    let label = SECTIONS[id] ?? `section ${id}`
    if (id === 0) label = `custom "${s.name()}"`
    // `whole`: the section with its header, as it sits in the file.
    sections.push({ label, size, whole: bytes.subarray(header, start + size) })
    if (id === 2) {
      for (let n = s.leb(); n > 0; n--) {
        s.name()
        s.name()
        const kind = s.u8()
        if (kind === 0) imported++
        // Skip the import's type: a function's type index, or a table/memory/global/tag type.
        if (kind === 0) s.leb()
        else if (kind === 1) (s.u8(), skipLimits(s))
        else if (kind === 2) skipLimits(s)
        else if (kind === 3) (s.u8(), s.u8())
        else if (kind === 4) (s.u8(), s.leb())
      }
    } else if (id === 10) {
      for (let n = s.leb(), i = 0; i < n; i++) {
        const len = s.leb()
        bodies.push({ index: imported + i, bytes: s.bytes(len) })
      }
    } else if (id === 11) {
      for (let n = s.leb(), i = 0; i < n; i++) {
        const flags = s.leb()
        if (flags === 2) s.leb()
        if (flags !== 1) while (s.u8() !== 0x0b); // the offset expression, up to its `end`
        data.push({ index: i, bytes: s.bytes(s.leb()) })
      }
    } else if (label === 'custom "name"') {
      while (s.at < start + size) {
        const kind = s.u8()
        const end = s.leb() + s.at
        const into = kind === 1 ? names : kind === 9 ? dataNames : null
        if (into) for (let n = s.leb(); n > 0; n--) into.set(s.leb(), s.name())
        s.at = end
      }
    }
    r.at = start + size
  }
  for (const f of bodies) f.name = names.get(f.index) ?? `code[${f.index}]`
  for (const d of data) d.name = `data ${dataNames.get(d.index) ?? d.index}`
  return { sections, bodies, data }
}

function skipLimits(s) {
  const flags = s.u8()
  s.leb()
  if (flags & 1) s.leb()
}

/** A readable name: crate disambiguators (`core[1a2b…]`) and symbol hashes (`::h1a2b…`) dropped. */
export const tidy = (name) => name.replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '')

/** The crate a function belongs to, from its name. */
export function crateOf(name) {
  name = tidy(name)
  // Drop glue is charged to the type dropped; `<T as Trait>::f` to T, or to the trait's crate when
  // T is a primitive or a reference (`<&str as core::fmt::Display>`).
  const drop = name.match(/^core::ptr::drop_in_place::?<(.+)>$/)
  if (drop) return crateOf(drop[1])
  const impl = name.match(/^<&?(?:mut )?(?:dyn )?([\w:]+)[^ ]* as ([\w:]+)/)
  if (impl) return impl[1].includes('::') ? impl[1].split('::')[0] : impl[2].split('::')[0]
  const inherent = name.match(/^<([\w]+)::/)
  if (inherent) return inherent[1]
  // An export's shim carries the export's JS name (camelCase), with " shim" added when reference
  // types are on; the export's body is inlined into it.
  if (/ shim/.test(name) || /^__wbindgen|^__wbg_|^__externref/.test(name) || /^[a-z]+[A-Z]\w*$/.test(name)) {
    return 'wasm-bindgen glue'
  }
  const path = name.match(/^([a-z_][\w]*)::/)
  if (path) return path[1]
  return 'compiler_builtins & exports' // memcpy, memset, __rust_alloc, export stubs…
}

/** The source file of this crate a function comes from (`wasm_auth::client::fapi`), by its path. */
function moduleOf(name) {
  const path = tidy(name)
    .replace(/^<(?:impl )?/, '')
    .split('::')
  if (path[0] !== 'wasm_auth') return 'wasm_auth (trait impls for std types)'
  let at = 1
  while (at < path.length && MODULES.has(path.slice(1, at + 1).join('/'))) at++
  return path.slice(0, at).join('::')
}
const MODULES = new Set(
  readdirSync(join(root, 'src'), { recursive: true })
    .filter((f) => f.endsWith('.rs'))
    .flatMap((f) => [f.replace(/\.rs$/, '').replace(/\/mod$/, ''), dirname(f)])
    .filter((m) => m !== '.' && m !== 'lib'),
)

const compressed = (chunks) => deflateRawSync(Buffer.concat(chunks), { level: 9 }).length

function group(items, key) {
  const groups = new Map()
  for (const item of items) {
    const k = key(item)
    if (!groups.has(k)) groups.set(k, { name: k, raw: 0, chunks: [] })
    const g = groups.get(k)
    g.raw += item.bytes.length
    g.chunks.push(item.bytes)
  }
  return [...groups.values()]
}

/** Calls twiggy; null when it is missing or fails (the map says so). */
function twiggy(args) {
  try {
    return execFileSync('twiggy', args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] })
  } catch {
    return null
  }
}

/** Functions that call the formatting entry points directly: core::fmt's users, by name. */
function formatUsers(wasm) {
  const targets = [
    '^core(\\[[0-9a-f]+\\])?::fmt::write$',
    '^alloc(\\[[0-9a-f]+\\])?::fmt::format',
    'ToString>::to_string',
  ]
  const out = twiggy(['paths', '--format', 'json', '-d', '1', '-r', '1000', '--regex', wasm, ...targets])
  if (out === null) return null
  const users = new Map()
  for (const entry of JSON.parse(out)) {
    for (const caller of entry.callers ?? []) {
      // Only the callers outside the standard library: the code whose formatting a cut removes.
      if (/^elem\[|^export /.test(caller.name) || ['core', 'alloc', 'std'].includes(crateOf(caller.name))) continue
      users.set(tidy(caller.name), caller.shallow_size)
    }
  }
  return [...users].sort((a, b) => b[1] - a[1])
}

export function sizeMap({ top = 30 } = {}) {
  const out = join(root, 'target', 'size-map')
  const wasm = buildWasm(CLIENT, { out, keepNames: true })
  const bytes = readFileSync(wasm)
  const { sections, bodies, data } = readWasm(bytes)
  const unnamed = Buffer.concat([
    bytes.subarray(0, 8),
    ...sections.filter((s) => s.label !== 'custom "name"').map((s) => s.whole),
  ])
  const shipped = unnamed.length
  const gzipTotal = gzipSync(unnamed, { level: 9 }).length

  const code = bodies.map((f) => ({ ...f, crate: crateOf(f.name) }))
  const segments = data.map((d) => ({ ...d, crate: 'data (strings, tables)' }))
  const other = sections
    .filter((s) => !['code', 'data', 'custom "name"'].includes(s.label))
    .map((s) => ({ name: s.label, bytes: s.whole }))
  const crates = [...group(code, (f) => f.crate), ...group(segments, (d) => d.crate)]
  crates.push(...group(other, () => 'other sections (types, imports, exports, table)'))
  const ours = group(
    code.filter((f) => f.crate === 'wasm_auth'),
    (f) => moduleOf(f.name),
  )
  // The gzip share of each group: its standalone deflate size, scaled to the whole wasm's gzip.
  const all = crates.reduce((n, g) => n + compressed(g.chunks), 0)
  const scale = (gzipTotal - gzipSync(Buffer.alloc(0)).length) / all
  const est = (chunks) => Math.round(compressed(chunks) * scale)

  const n = (v) => v.toLocaleString('en-US')
  const row = (name, raw, gz, width = 80) =>
    console.log(
      `${name.length > width ? name.slice(0, width - 1) + '…' : name.padEnd(width)}${n(raw).padStart(9)}${n(gz).padStart(10)}`,
    )
  const rawOf = (gs) => gs.reduce((s, g) => s + g.raw, 0)
  console.log(`\nsize map of the client wasm (${CLIENT.name}_bg.wasm as built, names kept by wasm-opt -g):`)
  const pkgWasm = join(root, 'pkg', `${CLIENT.name}_bg.wasm`)
  const inPkg = existsSync(pkgWasm) ? statSync(pkgWasm).size : null
  const same = inPkg === shipped ? "the size of pkg/'s" : `pkg/ holds ${inPkg === null ? 'none' : n(inPkg)}: rebuild it`
  console.log(`  ${n(shipped)} bytes without the name section (${same}), ${n(gzipTotal)} gzip -9`)
  console.log(`  gzip est.: the whole wasm's gzip shared in proportion to each group's compressed size alone\n`)
  row('by crate', 'raw', 'gzip est.')
  for (const g of crates.sort((a, b) => b.raw - a.raw)) row(`  ${g.name}`, g.raw, est(g.chunks))
  row('  total (name section excluded)', rawOf(crates), gzipTotal)
  console.log()
  row('wasm_auth by module', 'raw', 'gzip est.')
  for (const g of ours.sort((a, b) => b.raw - a.raw)) row(`  ${g.name}`, g.raw, est(g.chunks))
  console.log()
  row(`top ${top} functions and data segments`, 'raw', 'gzip est.')
  const items = [...code, ...segments].sort((a, b) => b.bytes.length - a.bytes.length).slice(0, top)
  for (const f of items) row(`  ${tidy(f.name)}`, f.bytes.length, est([f.bytes]))

  const fmtItems = code.filter((f) => /(^|::|<| )(core|alloc|std)::(fmt|panicking|panic)\b/.test(tidy(f.name)))
  console.log()
  row(
    'formatting and panics (core::fmt, core/std::panicking)',
    rawOf(group(fmtItems, () => 0)),
    est(fmtItems.map((f) => f.bytes)),
  )
  const users = formatUsers(wasm)
  if (users === null) {
    console.log('  (twiggy is not installed: scripts/setup.sh installs it; the callers of core::fmt are not listed)')
  } else {
    console.log('  called directly (format!, to_string, write!) by, raw size of the caller:')
    for (const [name, size] of users) console.log(`    ${name} (${n(size)})`)
  }
  return { shipped, gzip: gzipTotal, crates: crates.map((g) => ({ name: g.name, raw: g.raw, gzip: est(g.chunks) })) }
}

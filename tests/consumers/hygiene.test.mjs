// The tarball as registries and tools see it: publint (the package.json and the packed files) and
// Are the Types Wrong (every entry's types under node10, node16 from ESM and from CommonJS, and
// bundler resolution) find no problem, suggestions included.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { packedTarball } from '../support/tarball.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))

test('publint --strict: no errors, warnings or suggestions', async () => {
  const tgz = readFileSync(packedTarball())
  const { messages, pkg } = await publint({
    pack: { tarball: tgz.buffer.slice(tgz.byteOffset, tgz.byteOffset + tgz.byteLength) },
    level: 'suggestion',
    strict: true,
  })
  assert.deepEqual(
    messages.map((m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`),
    [],
  )
})

// The Next.js entries are ES modules for Next's bundlers: checked below with attw's esm-only profile.
const NEXT_ENTRIES = ['./nextjs', './nextjs/server']

test('attw: every entry has the right types under node10, node16 (ESM and CommonJS) and bundler', () => {
  // --no-definitely-typed: the package ships its own types; never ask the registry for @types.
  const attw = join(root, 'node_modules', '.bin', 'attw')
  const args = ['--no-definitely-typed', '--no-color', '--format', 'json', '--exclude-entrypoints', ...NEXT_ENTRIES]
  const run = spawnSync(attw, [packedTarball(), ...args], { encoding: 'utf8' })
  assert.ok(run.stdout, run.stderr)
  const { analysis, problems } = JSON.parse(run.stdout)
  assert.deepEqual(problems, {})
  assert.equal(run.status, 0, run.stderr)
  // Which declaration file and which JavaScript each entry resolves to, per resolution mode.
  const resolved = {}
  const file = (r) => r?.fileName.replace('/node_modules/wasm-auth/', '')
  for (const [entry, info] of Object.entries(analysis.entrypoints)) {
    if (entry === './package.json') continue
    for (const [mode, r] of Object.entries(info.resolutions)) {
      resolved[`${entry} ${mode}`] = `${file(r.resolution)} for ${file(r.implementationResolution)}`
    }
  }
  const expected = {}
  for (const [entry, name] of [
    ['.', 'index'],
    ['./react', 'react'],
    ['./server', 'server'],
  ]) {
    Object.assign(expected, {
      [`${entry} node10`]: `${name}.d.ts for ${entry === '.' ? 'index.cjs' : `${name}.js`}`, // node10 reads "main", or the file by name
      [`${entry} node16-cjs`]: `${name}.d.cts for ${name}.cjs`,
      [`${entry} node16-esm`]: `${name}.d.ts for ${name}.node.js`,
      [`${entry} bundler`]: `${name}.d.ts for ${name}.js`,
    })
  }
  assert.deepEqual(resolved, expected)
})

test('attw --profile esm-only: the Next.js entries have the right types under node16 (ESM) and bundler', () => {
  const attw = join(root, 'node_modules', '.bin', 'attw')
  const args = ['--no-definitely-typed', '--no-color', '--format', 'json', '--profile', 'esm-only']
  const run = spawnSync(attw, [packedTarball(), ...args, '--entrypoints', ...NEXT_ENTRIES], { encoding: 'utf8' })
  assert.ok(run.stdout, run.stderr)
  const { analysis, problems } = JSON.parse(run.stdout)
  // The JSON lists every resolution's problems; the profile leaves out CommonJS and node10, which
  // an ES-module-only entry cannot serve. Nothing else may show up.
  const inScope = Object.values(problems)
    .flat()
    .filter((p) => !['node10', 'node16-cjs'].includes(p.resolutionKind))
  assert.deepEqual(inScope, [])
  assert.equal(run.status, 0, run.stderr)
  const file = (r) => r?.fileName.replace('/node_modules/wasm-auth/', '')
  const resolved = {}
  for (const [entry, info] of Object.entries(analysis.entrypoints)) {
    for (const mode of ['node16-esm', 'bundler']) {
      const r = info.resolutions[mode]
      resolved[`${entry} ${mode}`] = `${file(r.resolution)} for ${file(r.implementationResolution)}`
    }
  }
  assert.deepEqual(resolved, {
    './nextjs node16-esm': 'nextjs.d.ts for nextjs.js',
    './nextjs bundler': 'nextjs.d.ts for nextjs.js',
    './nextjs/server node16-esm': 'nextjs-server.d.ts for nextjs-server.js',
    './nextjs/server bundler': 'nextjs-server.d.ts for nextjs-server.js',
  })
})

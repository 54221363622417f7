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

test('attw: every entry has the right types under node10, node16 (ESM and CommonJS) and bundler', () => {
  // --no-definitely-typed: the package ships its own types; never ask the registry for @types.
  const attw = join(root, 'node_modules', '.bin', 'attw')
  const run = spawnSync(attw, ['--no-definitely-typed', '--no-color', '--format', 'json', packedTarball()], {
    encoding: 'utf8',
  })
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

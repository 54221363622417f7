// The browser-payload budget of scripts/size.mjs (npm test and npm run bench run it): --check
// fails exactly when the built package's wasm-auth/react payload is over 40 KB gzip, and says by
// how much. The figures the docs repeat are checked against it.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const script = fileURLToPath(new URL('../../scripts/size.mjs', import.meta.url))
const run = (...args) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' })

test('size.mjs --check fails exactly when the payload is over the 40 KB budget, naming the overshoot', () => {
  const { status, stdout } = run('--json')
  assert.equal(status, 0)
  const { total, target } = JSON.parse(stdout)
  assert.equal(target, 40_000)
  assert.ok(total.gzip > 10_000, `a payload of ${total.gzip} bytes is not the package's`)
  const check = run('--check')
  if (total.gzip > target) {
    assert.equal(check.status, 1)
    const over = (total.gzip - target).toLocaleString('en-US')
    assert.match(check.stderr, new RegExp(`FAILED: .* over the 40\\.0 KB budget by ${over} bytes`))
  } else {
    assert.equal(check.status, 0, check.stderr)
  }
})

// The docs repeat the payload; size.mjs is where the figure comes from. One decimal, in KB of
// 1,000 bytes, as size.mjs prints it.
test('the payload figures in the README, the package README and docs/migration.md are size.mjs’s', () => {
  const { total, apps } = JSON.parse(run('--json').stdout)
  const page = apps['a page without a bundler'].total
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`
  const read = (path) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8')
  const expected = {
    'README.md': `is **${kb(total.gzip)}**, its wasm inside the JS; a page without a bundler loads ${kb(page.gzip)} (${kb(page.wasm.gzip)} of it the wasm's module)`,
    'pkg-template/README.md': `\`wasm-auth/react\` costs ${kb(total.gzip)} gzip`,
    'docs/migration.md': `| \`wasm-auth/react\` (an app of \`useAuth()\`, bundled, the wasm inside) | ${kb(total.gzip)} |`,
  }
  for (const [path, sentence] of Object.entries(expected)) {
    assert.ok(read(path).replace(/\s+/g, ' ').includes(sentence), `${path} says: ${sentence}`)
  }
})

// docs/size.md's table is in bytes and moves with every change, so it is held within 100 bytes
// of each app's gzip figure: close enough to read, and a stale table fails.
test("docs/size.md's table of what a browser loads is size.mjs's, within 100 bytes", () => {
  const { apps } = JSON.parse(run('--json').stdout)
  const doc = readFileSync(fileURLToPath(new URL('../../docs/size.md', import.meta.url)), 'utf8')
  const rows = {
    'useAuth()': 'an app of `useAuth()` from `wasm-auth/react`',
    'useAuth() from /nextjs': 'the same through `wasm-auth/nextjs`',
    'every hook and component': 'an app of every hook and component',
    'a page without a bundler': 'a page without a bundler',
  }
  for (const [app, label] of Object.entries(rows)) {
    const row = doc.split('\n').find((line) => line.startsWith(`| ${label}`))
    assert.ok(row, `docs/size.md has a row for ${label}`)
    const gzip = Number(row.split('|').at(-2).trim().replaceAll(',', ''))
    const actual = apps[app].total.gzip
    assert.ok(Math.abs(gzip - actual) <= 100, `docs/size.md: ${label} is ${actual.toLocaleString('en-US')} gzip`)
  }
})

// "An app that imports only useAuth() pays nothing for the rest": bundled as an app's bundler
// does (esbuild, tree-shaken, minified), its code has none of the other hooks and components.
// Each is found by a name its code carries (as the string its errors and DevTools show, or a key).
test('a useAuth()-only bundle has none of the other hooks and components; every export is in the full one', async () => {
  const { build } = await import('esbuild')
  const bundle = async (contents) => {
    const result = await build({
      stdin: { contents, resolveDir: fileURLToPath(new URL('../..', import.meta.url)) },
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      external: ['react', '*.wasm'],
      logLevel: 'silent',
    })
    return result.outputFiles[0].text
  }
  const others = ['AuthLoading', 'AuthLoaded', 'AuthDegraded', 'AuthFailed', 'useUser', 'useSession']
  others.push('useOrganization', 'useOrganizationList', 'useAuthClient', 'hasPreviousPage')
  const quoted = (name) => new RegExp(`\\b${name}\\b`)
  const useAuthOnly = await bundle(`export { AuthProvider, useAuth } from 'wasm-auth/react'`)
  assert.deepEqual(
    others.filter((name) => quoted(name).test(useAuthOnly)),
    [],
  )
  const everything = await bundle(`export * from 'wasm-auth/react'`)
  assert.deepEqual(
    others.filter((name) => !quoted(name).test(everything)),
    [],
  )
})

// The package's README (pkg-template/README.md, what npm shows and the tarball holds) as a user
// reads it: every code sample parses; every name it imports is an export of that entry; every
// call of an asynchronous function is awaited (a sample that forgets `await` hands the user a
// promise where it shows a payload); every link reaches a file of the built package.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { transform } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const readme = readFileSync(join(root, 'pkg-template', 'README.md'), 'utf8')
const samples = [...readme.matchAll(/^```(js|jsx)\n([\s\S]*?)^```$/gm)].map((m) => m[2])

// What returns a promise: the client's calls, the server's, and Next's auth() and auth.protect().
const ASYNC = [
  'auth',
  'protect',
  'load',
  'getToken',
  'signOut',
  'setActive',
  'redirectToSignIn',
  'redirectToSignUp',
  'verifyToken',
  'authenticateRequest',
]

test('the README has its samples: React, Next.js, the server, without React', () => {
  assert.ok(samples.length >= 6, `${samples.length} samples`)
})

test('every sample parses (JSX included)', async () => {
  for (const sample of samples) await transform(sample, { loader: 'jsx', format: 'esm' })
})

test('every name a sample imports from wasm-auth is an export of that entry', async () => {
  let checked = 0
  for (const sample of samples) {
    for (const [, names, entry] of sample.matchAll(/import \{([^}]+)\} from '(wasm-auth(?:\/\w+)*)'/g)) {
      const exports = Object.keys(await import(entry))
      for (const name of names.split(',').map((n) => n.trim())) {
        assert.ok(exports.includes(name), `${entry} exports ${name}`)
        checked++
      }
    }
  }
  assert.ok(checked >= 10, `only ${checked} imported names`)
})

test('every call of an asynchronous function is awaited', () => {
  let calls = 0
  for (const sample of samples) {
    for (const m of sample.matchAll(new RegExp(`(\\S*\\s*)\\b(?:\\w+\\.)?(${ASYNC.join('|')})\\(`, 'g'))) {
      calls++
      assert.match(m[1], /(await|=>)\s*$/, `not awaited (nor returned by an arrow): ${m[0]}`)
    }
  }
  assert.ok(calls >= 8, `only ${calls} calls found`)
})

test('every link reaches a file of the built package (its docs ship in it)', () => {
  const pkg = join(root, 'pkg')
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1])
  assert.ok(links.length >= 3)
  for (const link of links) {
    assert.ok(!/^[a-z]+:/i.test(link), `${link} leaves the package`)
    assert.ok(existsSync(join(pkg, link.split('#')[0])), `pkg/${link}`)
  }
})

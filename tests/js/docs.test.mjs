// The README's API reference against the package: for each entry, the names the README lists are
// exactly the entry's runtime exports, and exactly the values its type declarations declare.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')
const readme = read('README.md')

/** Value exports declared in a .d.ts: functions, classes and re-exported values (not types). */
function declared(file) {
  const source = read(`js/${file}`)
  const names = [...source.matchAll(/^export declare (?:function|class) (\w+)/gm)].map((m) => m[1])
  for (const [, list] of source.matchAll(/^export \{([^}]+)\} from/gm))
    names.push(...list.split(',').map((n) => n.trim()))
  return names.sort()
}

/** The names that start the bullets of the README's `### \`entry\`` section: one per export. */
function documented(entry) {
  const section = readme.split(`### \`${entry}\`\n`)[1]?.split(/\n##/)[0] ?? ''
  return [...section.matchAll(/^- `(\w+)/gm)].map((m) => m[1]).sort()
}

for (const [entry, file] of [
  ['wasm-auth', 'index.d.ts'],
  ['wasm-auth/react', 'react.d.ts'],
  ['wasm-auth/server', 'server.d.ts'],
]) {
  test(`${entry}: README, declarations and runtime exports name the same values`, async () => {
    const runtime = Object.keys(await import(entry)).sort()
    assert.deepEqual(declared(file), runtime, `${file} declares what ${entry} exports`)
    assert.deepEqual(documented(entry), runtime, `README's ${entry} section lists what it exports`)
  })
}

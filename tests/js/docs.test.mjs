// The docs against the package and against themselves:
// - the README's API reference and docs/api.md name exactly each entry's runtime exports, which
//   are exactly the values its type declarations declare; docs/api.md's `Types:` lines name
//   exactly the types each declaration file exports;
// - docs/api.md's error table lists the codes of the README's, which tests/abi.rs holds to
//   ErrorKind::ALL (so this file does not read src/error.rs a second way);
// - every relative link in README.md and docs/*.md reaches a file, and a heading when it names one,
//   and every repo path in a code span exists;
// - no link leaves the repo. The rule: a Markdown link or autolink has no scheme at all (http,
//   https, mailto...), and a URL written anywhere, code included, names only a host of this
//   machine (localhost, 127.0.0.1, 0.0.0.0) or a domain reserved for examples (example.com and its
//   subdomains, *.example, *.test, *.invalid). A bare `https://` (as in "`https://` + the host")
//   names no host and is allowed.
import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const read = (path) => readFileSync(join(root, path), 'utf8')
const readme = read('README.md')
const api = read('docs/api.md')
const pages = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]

const ENTRIES = [
  ['wasm-auth', 'index.d.ts'],
  ['wasm-auth/react', 'react.d.ts'],
  ['wasm-auth/server', 'server.d.ts'],
  ['wasm-auth/nextjs', 'nextjs.d.ts'],
  ['wasm-auth/nextjs/server', 'nextjs-server.d.ts'],
]

/** Value exports declared in a .d.ts: functions, classes and re-exported values (not types). */
function declared(file) {
  const source = read(`js/${file}`)
  const names = [...source.matchAll(/^export declare (?:function|class|const) (\w+)/gm)].map((m) => m[1])
  for (const [, list] of source.matchAll(/^export \{([^}]+)\} from/gm))
    names.push(
      ...list
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    )
  return [...new Set(names)].sort() // an overloaded function is declared once per overload
}

/** Type exports of a .d.ts: interfaces, type aliases and re-exported types. */
function declaredTypes(file) {
  const source = read(`js/${file}`)
  const names = [...source.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1])
  for (const [, list] of source.matchAll(/^export type \{([^}]+)\} from/gm))
    names.push(
      ...list
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    )
  return [...new Set(names)].sort()
}

/** The names that start the bullets of the README's `### \`entry\`` section: one per export. */
function documented(entry) {
  const section = readme.split(`### \`${entry}\`\n`)[1]?.split(/\n##/)[0] ?? ''
  return [...section.matchAll(/^- `(\w+)/gm)].map((m) => m[1]).sort()
}

/** docs/api.md's `## \`entry\`` section, up to the next `## ` heading. */
function apiSection(entry) {
  const section = api.split(`\n## \`${entry}\`\n`)[1]?.split(/\n## /)[0]
  assert.ok(section, `docs/api.md has a \`## \\\`${entry}\\\`\` section`)
  return section
}

/** The exports docs/api.md presents for `entry`: each backticked name in its `###` headings. */
function apiExports(entry) {
  const headings = [...apiSection(entry).matchAll(/^### (.+)$/gm)].map((m) => m[1])
  return headings.flatMap((h) => [...h.matchAll(/`(\w+)/g)].map((m) => m[1])).sort()
}

/** The types docs/api.md presents for `entry`: the backticked names of its `Types:` paragraph. */
function apiTypes(entry) {
  const paragraph = apiSection(entry).split('\nTypes: ')[1]?.split('\n\n')[0] ?? ''
  return [...new Set([...paragraph.matchAll(/`(\w+)`/g)].map((m) => m[1]))].sort()
}

/** The codes of the first column of the table after `heading` in `text`, in order. */
function tableCodes(text, heading) {
  const table = text.split(`${heading}\n`)[1]?.split(/\n#/)[0] ?? ''
  return [...table.matchAll(/^\| `([a-z-]+)`/gm)].map((m) => m[1])
}

for (const [entry, file] of ENTRIES) {
  test(`${entry}: README, declarations and runtime exports name the same values`, async () => {
    const runtime = Object.keys(await import(entry)).sort()
    assert.deepEqual(declared(file), runtime, `${file} declares what ${entry} exports`)
    assert.deepEqual(documented(entry), runtime, `README's ${entry} section lists what it exports`)
  })

  test(`${entry}: docs/api.md's headings name every export and nothing else`, async () => {
    const runtime = Object.keys(await import(entry)).sort()
    assert.deepEqual(apiExports(entry), runtime, `the ### headings of docs/api.md's ${entry} section`)
  })

  test(`${entry}: docs/api.md's Types line names every exported type and nothing else`, () => {
    assert.deepEqual(apiTypes(entry), declaredTypes(file), `docs/api.md's ${entry} Types: against js/${file}`)
  })
}

test("docs/api.md's error table lists the README's codes, which tests/abi.rs holds to ErrorKind::ALL", () => {
  const readmeCodes = tableCodes(readme, '### Error codes')
  assert.ok(readmeCodes.length > 0, "README's `### Error codes` table has rows")
  assert.deepEqual(tableCodes(api, '## Error codes'), readmeCodes)
})

/** Markdown without its fenced code blocks and inline code spans: where links live. */
function prose(markdown) {
  return markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '')
}

/** GitHub's anchor for each heading of a Markdown text (a repeated one gets -1, -2, ...). */
function anchors(markdown) {
  const seen = new Map()
  const result = new Set()
  const withoutFences = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '')
  for (const [, text] of withoutFences.matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = text
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-')
    const count = seen.get(slug) ?? 0
    seen.set(slug, count + 1)
    result.add(count ? `${slug}-${count}` : slug)
  }
  return result
}

/** Every link target of a page: inline links `[text](target)` and autolinks `<scheme:...>`. */
function links(markdown) {
  const text = prose(markdown)
  const inline = [...text.matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)].map((m) => m[1])
  const auto = [...text.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]+)>/gi)].map((m) => m[1])
  return [...inline, ...auto]
}

test('every relative link in README.md and docs/*.md reaches a file, and a heading when it names one', () => {
  let checked = 0
  for (const page of pages) {
    for (const target of links(read(page))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue // not relative: the next test refuses it
      const [path, anchor] = target.split('#')
      const file = path ? join(dirname(join(root, page)), decodeURI(path)) : join(root, page)
      const shown = `${page}: ${target}`
      assert.ok(existsSync(file), `${shown}: no such file`)
      assert.ok(!relative(root, file).startsWith('..'), `${shown}: outside the repo`)
      if (anchor !== undefined) {
        assert.ok(file.endsWith('.md'), `${shown}: an anchor into a file that is not Markdown`)
        assert.ok(anchors(readFileSync(file, 'utf8')).has(anchor), `${shown}: no heading #${anchor}`)
      }
      checked++
    }
  }
  assert.ok(checked > 20, `only ${checked} links found: the link reader is broken`)
})

const LOCAL_HOSTS = /^(localhost|127\.0\.0\.1|0\.0\.0\.0)$/
const EXAMPLE_HOSTS = /(^|\.)example\.com$|\.(example|test|invalid)$/

// A path in a code span is a claim about the repo as much as a link is: it must name a file or
// folder that exists. docs/size-history.md records each round as it was, old names included.
test('every repo path written in a code span of README.md and docs/*.md exists', () => {
  const PATH = /`((?:js|src|tests|scripts|bench|dev-server|demo|examples|fuzz|pkg-template|docs)\/[\w./-]+)`/g
  let checked = 0
  for (const page of pages.filter((p) => p !== 'docs/size-history.md')) {
    for (const [, path] of read(page).matchAll(PATH)) {
      assert.ok(existsSync(join(root, path.replace(/\.$/, ''))), `${page} names ${path}, which is not in the repo`)
      checked++
    }
  }
  assert.ok(checked > 100, `only ${checked} paths found`)
})

test('no link leaves the repo: no scheme in a link, no outside host in any URL', () => {
  for (const page of pages) {
    const markdown = read(page)
    for (const target of links(markdown)) {
      assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(target), `${page}: the link ${target} leaves the repo`)
    }
    for (const [url, host] of markdown.matchAll(/\bhttps?:\/\/([^\s/:?#`'"<>)\]]*)[^\s`'"<>)\]]*/gi)) {
      if (host === '' || LOCAL_HOSTS.test(host) || EXAMPLE_HOSTS.test(host)) continue
      assert.fail(`${page}: ${url} names a host outside this machine`)
    }
  }
})

test("README's Docs list links every page of docs/, and its API reference links docs/api.md", () => {
  const list = readme.split('\n## Docs\n')[1]?.split('\n## ')[0] ?? ''
  for (const page of pages.filter((p) => p.startsWith('docs/'))) {
    assert.ok(list.includes(`](${page})`), `README's ## Docs links ${page}`)
  }
  const reference = readme.split('\n## API reference\n')[1]?.split('\n### ')[0] ?? ''
  assert.ok(reference.includes('](docs/api.md)'), "README's API reference links docs/api.md")
})

// Runs wasm-auth/server's default (edge) entry inside Vercel's edge-runtime: a V8 context with
// only Web APIs (no process, require or Buffer). The package's files are linked as real ES modules
// (node:vm SourceTextModule, so this needs --experimental-vm-modules), any `node:` import is
// refused at link time, and import.meta.url is an http URL so the loader fetches the wasm the way
// an edge function does. Prints the page-like results as JSON; tests/js/edge.test.mjs runs it.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { EdgeRuntime } from 'edge-runtime'
import { serveStatic } from './static-server.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const [input, entrySource] = [JSON.parse(process.argv[2]), process.argv[3]]

const server = await serveStatic()
const runtime = new EdgeRuntime()
const modules = new Map()

// What an edge bundler does with the package's exports map: the "default" condition.
function resolve(specifier, from) {
  if (specifier === 'wasm-auth/server') return `${server.url}/pkg/server.js`
  if (specifier.startsWith('.')) return new URL(specifier, from).href
  throw new Error(`not available in an edge runtime: import '${specifier}' from ${from}`)
}

// One module per URL, as a browser keeps it. The promise is cached, not the module: the linker
// asks for a URL again before the first read has finished.
function load(url) {
  if (!modules.has(url)) {
    modules.set(url, readFile(`${root}${new URL(url).pathname}`, 'utf8').then((source) => new vm.SourceTextModule(source, {
      identifier: url,
      context: runtime.context,
      initializeImportMeta: (meta) => { meta.url = url },
    })))
  }
  return modules.get(url)
}

try {
  runtime.context.__input = input
  const entry = new vm.SourceTextModule(entrySource, { identifier: `${server.url}/edge-entry.js`, context: runtime.context })
  await entry.link((specifier, referrer) => load(resolve(specifier, referrer.identifier)))
  await entry.evaluate()
  console.log(runtime.context.__results)
} finally {
  await server.close()
}

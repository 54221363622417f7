// Runs wasm-auth/server's default (edge) entry inside Vercel's edge-runtime: a V8 context with
// only Web APIs (no process, require or Buffer). The package's files are linked as real ES modules
// (node:vm SourceTextModule, so this needs --experimental-vm-modules), any `node:` import is
// refused at link time, and import.meta.url is an http URL so the loader fetches the wasm the way
// an edge function does. Prints the page-like results as JSON; tests/js/edge.test.mjs runs it.
// With a third argument `edge-light`, it does what Next.js does for middleware instead: the
// `edge-light` condition (pkg/server.edge.js), each `./x.wasm?module` import given as a
// WebAssembly.Module compiled outside the runtime, and no wasm compilation inside it.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'
import { EdgeRuntime } from 'edge-runtime'
import { serveStatic } from './static-server.mjs'

const root = fileURLToPath(new URL('../..', import.meta.url))
const [input, entrySource, mode = 'default'] = [JSON.parse(process.argv[2]), process.argv[3], process.argv[4]]
const edgeLight = mode === 'edge-light'

const server = await serveStatic()
const runtime = new EdgeRuntime(edgeLight ? { codeGeneration: { strings: false, wasm: false } } : {})
const modules = new Map()

// What an edge bundler does with the package's exports map: the "default" condition.
function resolve(specifier, from) {
  if (specifier === 'wasm-auth/server') return `${server.url}/pkg/${edgeLight ? 'server.edge.js' : 'server.js'}`
  if (specifier.startsWith('.')) return new URL(specifier, from).href
  throw new Error(`not available in an edge runtime: import '${specifier}' from ${from}`)
}

// One module per URL, as a browser keeps it. The promise is cached, not the module: the linker
// asks for a URL again before the first read has finished.
function load(url) {
  if (edgeLight && !modules.has(url) && url.endsWith('.wasm?module')) {
    const path = `${root}${new URL(url).pathname}`
    modules.set(
      url,
      readFile(path)
        .then((bytes) => new WebAssembly.Module(bytes))
        .then(
          (compiled) =>
            new vm.SyntheticModule(
              ['default'],
              function () {
                this.setExport('default', compiled)
              },
              { identifier: url, context: runtime.context },
            ),
        ),
    )
  }
  if (!modules.has(url)) {
    modules.set(
      url,
      readFile(`${root}${new URL(url).pathname}`, 'utf8').then(
        (source) =>
          new vm.SourceTextModule(source, {
            identifier: url,
            context: runtime.context,
            initializeImportMeta: (meta) => {
              meta.url = url
            },
          }),
      ),
    )
  }
  return modules.get(url)
}

try {
  runtime.context.__input = input
  const entry = new vm.SourceTextModule(entrySource, {
    identifier: `${server.url}/edge-entry.js`,
    context: runtime.context,
  })
  await entry.link((specifier, referrer) => load(resolve(specifier, referrer.identifier)))
  await entry.evaluate()
  console.log(runtime.context.__results)
} finally {
  await server.close()
}

// Browsers, bundlers and every runtime without Node's own entry (the `default` export condition):
// the client build (the small one), carried inside this package's JS, deflated (scripts/build.mjs
// writes wasm_auth_bg.inline.js), inflated and instantiated synchronously on import. So the API
// answers as soon as the import returns, with nothing for a bundler to find or copy (no `.wasm`
// URL, no `import.meta`), no fetch, and no top-level await, which esbuild's default output,
// Parcel's development server and scripts in edge runtimes refuse. docs/decisions.md has the
// figures: smaller than the `.wasm` served with gzip, and isLoaded sooner.
import { deflated, size } from '../wasm_auth_bg.inline.js'
import { inflate } from './inflate.js'
import { loadClientSync } from './wasm.js'

loadClientSync(new WebAssembly.Module(inflate(deflated, size)))

// Next.js's edge runtime (middleware, `runtime = 'edge'` routes) and Vercel Edge Functions, by the
// `edge-light` export condition. There the fetch-and-compile of load.server.browser.js fails:
// under `next start` Turbopack turns `new URL('./x.wasm', import.meta.url)` into a `blob:` URL
// that the sandbox's fetch does not serve (.wasm files become wasm bindings, not assets), and
// compiling wasm from bytes is what Next.js warns "not allowed in Edge Runtime" (Vercel's edge
// refuses it). The supported way is importing the wasm as a module, `?module`: the bundler
// compiles it ahead and hands over a WebAssembly.Module, instantiated here at once.
import module from '../wasm_auth_bg.wasm?module'
import { loadClientSync } from './wasm.js'

loadClientSync(module)

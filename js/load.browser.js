// Browsers and bundlers: the client build (the small one), streamed and compiled beside this file.
// Top-level await holds every importer until it is ready, so the API never answers before the
// wasm can. The literal `new URL(..., import.meta.url)` is what Vite, webpack and Next.js
// recognise as an asset.
import { load } from './wasm.js'

await load(new URL('./wasm_auth_bg.wasm', import.meta.url))

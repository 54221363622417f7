// Edge runtimes and workers: fetch both wasm files beside this file (the core's for claims and
// has(), the server's for verification) and compile them from bytes, in parallel. Not streaming:
// instantiateStreaming refuses a Response that is not the host's own, as in Vercel's edge-runtime
// sandbox where `next dev` runs middleware. The `new URL(..., import.meta.url)` literals are what
// bundlers recognise as assets; top-level await holds importers until both are ready. The core's
// wasm is fetched only if no other entry (wasm-auth, wasm-auth/react) has loaded it already.
import * as server from './wasm_auth_server.js'
import { load } from './wasm.js'
import { loadServer } from './wasm-server.js'

const bytes = (url) => fetch(url).then((response) => response.arrayBuffer())
const coreUrl = new URL('./wasm_auth_bg.wasm', import.meta.url)
const serverUrl = new URL('./wasm_auth_server_bg.wasm', import.meta.url)

await Promise.all([load(() => bytes(coreUrl)), loadServer(server, () => bytes(serverUrl), { asVerifier: true })])

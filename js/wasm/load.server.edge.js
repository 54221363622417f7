// The server build in Next.js's edge runtime, for verification, imported as a precompiled module
// (see load.edge.js).
import module from '../wasm_auth_server_bg.wasm?module'
import * as glue from '../wasm_auth_server.js'
import { loadServer } from './wasm-server.js'

await loadServer(glue, module, { asVerifier: true })

// The server wasm in Next.js's edge runtime, imported as a precompiled module (see load.edge.js).
import module from './wasm_auth_server_bg.wasm?module'
import { load } from './wasm.server.js'

await load(module)

// The server wasm, inlined, for bundlers building for Node (see load.inline.js).
import bytes from './wasm_auth_server_bg.inline.js'
import { loadSync } from './wasm.server.js'

loadSync(bytes)

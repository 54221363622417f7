// Node: read the server wasm next to this file and instantiate synchronously (see load.node.js).
import { readFileSync } from 'node:fs'
import { loadSync } from './wasm.server.js'

loadSync(readFileSync(new URL('./wasm_auth_server_bg.wasm', import.meta.url)))

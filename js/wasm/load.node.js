// Node: the server build (built for speed, and able to verify signatures) serves every entry, read
// beside this file and instantiated synchronously, so the API is usable as soon as the import (or
// require) returns. One instance for wasm-auth, /react and /server alike.
import { readFileSync } from 'node:fs'
import * as glue from '../wasm_auth_server.js'
import { loadSync } from './wasm-server.js'

loadSync(glue, readFileSync(new URL('../wasm_auth_server_bg.wasm', import.meta.url)), {
  asCore: true,
  asVerifier: true,
})

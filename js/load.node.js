// Node: read the wasm next to this file and instantiate synchronously, so the API is usable as
// soon as the import (or require) returns.
import { readFileSync } from 'node:fs'
import { loadSync } from './wasm.js'

loadSync(readFileSync(new URL('./wasm_auth_bg.wasm', import.meta.url)))

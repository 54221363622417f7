// Edge runtimes, workers and browsers: stream-compile the server wasm beside this file; top-level
// await holds importers until it is ready (see load.browser.js for why the URL is spelled so).
import { load } from './wasm.server.js'

await load(new URL('./wasm_auth_server_bg.wasm', import.meta.url))

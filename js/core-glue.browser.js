// The client build's glue, and the one way to load it: loadCore(source) instantiates it once for
// the core role (wasm.js). Browser loaders call it, each with the source its runtime allows, so
// that every browser entry shares this module, and with it the one wasm instance of the page.
import {
  checkArena,
  checkLayout,
  checkScratch,
  checkerCompile,
  checkerHas,
  clientFree,
  clientNew,
  clientStep,
  decodeJwt,
  initSync,
  inputBuffer,
  organizationFromClaims,
} from './wasm_auth.js'
import { load } from './wasm.js'

// Named, not `import * as`: a namespace would keep the glue's unused async loader in the bundle.
// A name missing here fails every browser test (js/core.js calls them all).
const glue = {
  checkArena,
  checkLayout,
  checkScratch,
  checkerCompile,
  checkerHas,
  clientFree,
  clientNew,
  clientStep,
  decodeJwt,
  initSync,
  inputBuffer,
  organizationFromClaims,
}

/** Loads the client build from `source` (see wasm.js, `load`) unless the core is served already. */
export const loadCore = (source) => load(glue, source, { asCore: true })

// The configuration of the Next.js entries: the options an app passes, else the environment
// variables a Clerk Next.js app already has (@clerk/nextjs's server/constants.ts and
// utils/mergeNextClerkPropsWithEnv.ts read the same names), so an app keeps its `.env`. Keys come
// from here only (docs/security.md): nothing a request carries is read. A key that is missing or
// malformed is an AuthError `options-invalid` whose message names the variable, thrown at the
// first request that needs it, never a silent signed-out.
import { AuthError } from '../core/errors.js'
import { parsePublishableKey } from '../core/instance.js'

/** Each option and the variables that give it when the options do not, first found wins. */
const ENV = {
  publishableKey: ['NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY', 'CLERK_PUBLISHABLE_KEY'],
  proxyUrl: ['NEXT_PUBLIC_CLERK_PROXY_URL', 'CLERK_PROXY_URL'],
  jwtKey: ['CLERK_JWT_KEY'],
  signInUrl: ['NEXT_PUBLIC_CLERK_SIGN_IN_URL', 'CLERK_SIGN_IN_URL'],
  signUpUrl: ['NEXT_PUBLIC_CLERK_SIGN_UP_URL', 'CLERK_SIGN_UP_URL'],
  afterSignOutUrl: ['NEXT_PUBLIC_CLERK_AFTER_SIGN_OUT_URL'],
}

// Read by name at run time: Next inlines `process.env.NEXT_PUBLIC_…` written out in full at build
// time, and the server should take what the process is started with.
const env = (name) => {
  const value = globalThis.process?.env?.[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

const invalid = (message) => new AuthError('options-invalid', `wasm-auth/nextjs: ${message}`)

/**
 * The instance options with where each came from: `{ options, from }`, `from[name]` being the
 * variable or `options.name`. Throws `options-invalid` naming the variable for a missing or
 * malformed publishable key, a proxy URL or a page URL that is not http(s) or a path.
 */
export function resolveConfig(given = {}) {
  if (given === null || typeof given !== 'object') throw invalid('the options are an object.')
  const options = { ...given }
  const from = {}
  for (const [name, variables] of Object.entries(ENV)) {
    if (options[name] !== undefined && options[name] !== '') {
      from[name] = `the ${name} option`
      continue
    }
    delete options[name]
    const variable = variables.find((v) => env(v) !== undefined)
    if (variable) [options[name], from[name]] = [env(variable), variable]
  }
  if (options.publishableKey === undefined && options.frontendApi === undefined) {
    throw invalid(
      'no publishable key: set NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (or CLERK_PUBLISHABLE_KEY) to your ' +
        "instance's pk_test_… or pk_live_… key, or pass publishableKey.",
    )
  }
  if (options.publishableKey !== undefined && !parsePublishableKey(String(options.publishableKey))) {
    throw invalid(`${from.publishableKey} is not a Clerk publishable key (pk_test_… or pk_live_…).`)
  }
  for (const name of ['proxyUrl', 'signInUrl', 'signUpUrl', 'afterSignOutUrl']) {
    const value = options[name]
    if (value !== undefined && !(typeof value === 'string' && /^(https?:\/\/[^/\\\s]|\/(?![/\\]))/i.test(value))) {
      throw invalid(`${from[name]} is an http(s) URL or a path starting with one /.`)
    }
  }
  return { options, from }
}

/** Adds the variable an option came from to an `options-invalid` error about it (a bad CLERK_JWT_KEY). */
export function nameSources(error, from) {
  if (error instanceof AuthError && error.code === 'options-invalid' && !error.message.startsWith('wasm-auth/nextjs')) {
    const named = Object.entries(from).filter(([name]) => error.message.includes(name))
    if (named.length) error.message = `wasm-auth/nextjs: ${named.map(([, f]) => f).join(', ')}: ${error.message}`
  }
  return error
}

/** The props the browser's client needs (no key material beyond the publishable key). */
export function clientProps({ options }) {
  const props = {}
  for (const name of ['publishableKey', 'proxyUrl', 'frontendApi', 'signInUrl', 'signUpUrl', 'afterSignOutUrl']) {
    if (options[name] !== undefined) props[name] = options[name]
  }
  return props
}

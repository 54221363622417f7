// What a browser bundle gets for wasm-auth/nextjs/server (the `browser` condition): the server
// entry reads keys and the request, so it never enters a page's JavaScript. A client component
// that imports it fails here, saying where the import belongs.
throw new Error(
  'wasm-auth/nextjs/server runs on the server only (proxy.ts, server components, route handlers, server actions): ' +
    "import the hooks from 'wasm-auth/nextjs' in client components.",
)

// An ES module whose only export is a default (an empty `export {}` does not survive minifying): a
// bundler refuses the names a client component imports from it.
export default null

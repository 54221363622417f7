// The app is its own root: inside the wasm-auth repository Next would otherwise pick the
// repository's lockfile as the workspace root. BROWSER_SOURCE_MAPS=1 (used by the repository's
// test to tell wasm-auth's share of the client JS from Next's and React's) emits source maps
// for the browser chunks; the chunks themselves are the same.
const nextConfig = {
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
  productionBrowserSourceMaps: process.env.BROWSER_SOURCE_MAPS === '1',
}

export default nextConfig

import type { NextConfig } from 'next'

// create-next-app's defaults (cacheComponents, partialPrefetching, Turbopack), plus two lines for
// the repository: the app is its own root (inside the wasm-auth repository Next would otherwise
// take the repository's lockfile for the workspace root), and BROWSER_SOURCE_MAPS=1, which the
// repository's test uses to tell wasm-auth's share of the client JS from Next's and React's.
const nextConfig: NextConfig = {
  cacheComponents: true,
  partialPrefetching: true,
  turbopack: { root: import.meta.dirname },
  outputFileTracingRoot: import.meta.dirname,
  productionBrowserSourceMaps: process.env.BROWSER_SOURCE_MAPS === '1',
}

export default nextConfig

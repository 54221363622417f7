// Rollup 4 as the React app needs it: node-resolve for packages, commonjs and replace for React
// itself (CommonJS, reading process.env.NODE_ENV). Nothing about wasm-auth.
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'

export default {
  input: 'src/main.js',
  output: { dir: 'dist-rollup', format: 'es' },
  plugins: [
    nodeResolve({ browser: true }),
    commonjs(),
    replace({ preventAssignment: true, 'process.env.NODE_ENV': JSON.stringify('production') }),
  ],
}

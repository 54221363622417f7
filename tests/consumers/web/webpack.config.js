// webpack 5 as a user starts it: entry, output and mode only. Nothing about wasm, experiments,
// asset rules or loaders; the package has to work with webpack's defaults.
import { fileURLToPath } from 'node:url'

export default {
  mode: 'production',
  entry: './src/main.js',
  output: { path: fileURLToPath(new URL('./dist-webpack', import.meta.url)), clean: true },
}

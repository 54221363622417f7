// `npm run bench`: runs every bench/*.bench.mjs in its own Node process, one after another, so
// one benchmark's garbage and JIT state cannot colour the next. Each prints its own table.
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

console.log(
  `node ${process.version}, ${process.arch}; medians of alternating rounds; ratio = ours / theirs (below 1 is faster)`,
)
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.mjs', '')}`)
  execFileSync(process.execPath, ['--expose-gc', `${dir}${file}`], { stdio: 'inherit' })
}

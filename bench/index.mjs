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
// A benchmark that fails (the size budget exceeded, a crash) does not stop the others; the run
// fails at the end, naming it.
const failed = []
for (const file of files) {
  console.log(`\n## ${file.replace('.bench.mjs', '')}`)
  try {
    execFileSync(process.execPath, ['--expose-gc', `${dir}${file}`], { stdio: 'inherit' })
  } catch {
    failed.push(file)
  }
}
if (failed.length) {
  console.error(`\nbench: FAILED: ${failed.join(', ')}`)
  process.exit(1)
}

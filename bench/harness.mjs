// A small comparison harness: each contender runs in alternating rounds (ours, theirs, ours, ...)
// in the same process, each round long enough to swamp timer noise; the table shows the median
// time per operation and the ratio ours/theirs (below 1: ours is faster).

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9)
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 150)

/** Calls fn(i) n times; returns ns per call. A sink keeps results alive so nothing is optimised away. */
let sink = 0
function timeRound(fn, n) {
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) if (fn(i)) sink++
  return Number(process.hrtime.bigint() - start) / n
}

/** Iterations per round so that one round of `fn` lasts about ROUND_MS. */
function calibrate(fn) {
  let n = 1
  for (;;) {
    const ns = timeRound(fn, n)
    if (ns * n > 20e6 || n > 1e8) return Math.max(1, Math.round((ROUND_MS * 1e6) / ns))
    n *= 4
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** `contenders`: { name: fn(i) }, the first one is ours. Returns medians (ns/op) by name. */
export function compare(title, contenders) {
  const entries = Object.entries(contenders)
  const sizes = entries.map(([, fn]) => calibrate(fn))
  const samples = entries.map(() => [])
  for (let round = 0; round < ROUNDS; round++) {
    entries.forEach(([, fn], i) => samples[i].push(timeRound(fn, sizes[i])))
  }
  const medians = Object.fromEntries(entries.map(([name], i) => [name, median(samples[i])]))
  const [ours, oursNs] = [entries[0][0], medians[entries[0][0]]]
  console.log(`\n${title}`)
  for (const [name] of entries) {
    const ns = medians[name]
    const ratio = name === ours ? '' : `   ours/this = ${(oursNs / ns).toFixed(2)}`
    console.log(`  ${name.padEnd(44)} ${format(ns).padStart(10)}/op${ratio}`)
  }
  if (sink < 0) console.log(sink)
  return medians
}

export function format(ns) {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`
}

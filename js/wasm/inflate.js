// Deflate decoding (RFC 1951), synchronous and small, for the wasm that browser entries carry
// inside their JS (scripts/build.mjs writes it compressed with zopfli, then base64). Synchronous,
// so an entry is ready when its import returns, without top-level await; small, because the
// compressed bytes and this decoder together come to less than the .wasm served with gzip -9
// (docs/decisions.md has the figures). The input is the package's own, so nothing here checks it.

/** The bytes of `base64`, a deflate stream (no zlib or gzip header) that inflates to `size` bytes. */
export function inflate(base64, size) {
  const input = atob(base64)
  const out = new Uint8Array(size)
  let at = 0
  let next = 0 // the next byte of input
  let buffer = 0 // bits read ahead, the first at the bottom
  let held = 0 // how many
  const bits = (n) => {
    for (; held < n; held += 8) buffer |= input.charCodeAt(next++) << held
    const value = buffer & ((1 << n) - 1)
    buffer >>>= n
    held -= n
    return value
  }
  // A canonical Huffman code from its code lengths, as a table indexed by the next `max` bits of
  // input (deflate sends a code's bits first to last, so the table's index is the code reversed):
  // each entry is the symbol and its code's length.
  const code = (lengths) => {
    const max = Math.max(...lengths)
    const table = new Int32Array(1 << max)
    for (let length = 1, c = 0; length <= max; length++, c <<= 1)
      lengths.forEach((l, symbol) => {
        if (l !== length) return
        let reversed = 0
        for (let i = 0; i < length; i++) reversed |= ((c >> i) & 1) << (length - 1 - i)
        for (let i = reversed; i < 1 << max; i += 1 << length) table[i] = (symbol << 4) | length
        c++
      })
    return { table, max }
  }
  const decode = ({ table, max }) => {
    for (; held < max; held += 8) buffer |= input.charCodeAt(next++) << held
    const entry = table[buffer & ((1 << max) - 1)]
    buffer >>>= entry & 15
    held -= entry & 15
    return entry >> 4
  }
  for (let last = 0; !last;) {
    last = bits(1)
    const type = bits(2)
    if (type === 0) {
      // Stored: from the next byte, its length, the length's complement, then the bytes.
      bits(held & 7)
      const length = bits(16)
      bits(16)
      for (let i = 0; i < length; i++) out[at++] = bits(8)
      continue
    }
    let literals, distances
    if (type === 1) {
      literals = code([...Array(288)].map((_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)))
      distances = code(Array(30).fill(5))
    } else {
      const count = bits(5) + 257
      const all = count + bits(5) + 1
      const header = Array(19).fill(0)
      for (let i = 0, n = bits(4) + 4; i < n; i++)
        header[[16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15][i]] = bits(3)
      const lengths = []
      for (const lengthCode = code(header); lengths.length < all;) {
        const symbol = decode(lengthCode)
        if (symbol < 16) lengths.push(symbol)
        else {
          const repeated = symbol === 16 ? lengths.at(-1) : 0
          for (let n = symbol === 16 ? 3 + bits(2) : symbol === 17 ? 3 + bits(3) : 11 + bits(7); n--;)
            lengths.push(repeated)
        }
      }
      literals = code(lengths.slice(0, count))
      distances = code(lengths.slice(count))
    }
    for (let symbol; (symbol = decode(literals)) !== 256;) {
      if (symbol < 256) {
        out[at++] = symbol
        continue
      }
      // Lengths 3-258 and distances 1-32768 from their codes' bases and extra bits (RFC 1951, 3.2.5).
      symbol -= 257
      let extra = symbol < 8 || symbol > 27 ? 0 : (symbol >> 2) - 1
      let length = (symbol < 8 ? symbol + 3 : symbol > 27 ? 258 : ((4 + (symbol & 3)) << extra) + 3) + bits(extra)
      const d = decode(distances)
      extra = d < 4 ? 0 : (d >> 1) - 1
      const distance = (d < 4 ? d + 1 : ((2 + (d & 1)) << extra) + 1) + bits(extra)
      for (; length--; at++) out[at] = out[at - distance]
    }
  }
  return out
}

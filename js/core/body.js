// Reading an HTTP answer's body with a size cap that holds while it is read. `response.text()`
// buffers the whole body first, so a cap checked after it only refuses what is already in memory:
// a server (or a path to one) that streams without end takes the process's memory with it. Here
// the stream is read chunk by chunk, decoded as it comes, and cancelled as soon as it passes the
// cap. Only the Fetch API's ReadableStream and TextDecoder: Node 20, browsers and edge runtimes.

/**
 * The body of `response` (a Fetch `Response`) as text, decoded as UTF-8 as `response.text()` does
 * (a byte order mark dropped, malformed sequences replaced), provided it holds at most `maxBytes`
 * bytes. Refused with a `RangeError`, before anything is read, when the `Content-Length` header
 * says more; else as soon as the bytes read pass `maxBytes`, the stream then cancelled (the
 * connection is released, nothing more is downloaded). Rejects with the stream's own error when
 * reading fails (an aborted request, a reset connection). A response without a body is `''`.
 */
export async function readText(response, maxBytes) {
  const body = response.body
  const declared = Number(response.headers?.get('content-length') ?? NaN)
  if (declared > maxBytes) {
    body?.cancel().catch(() => {})
    throw tooLarge(`declares ${declared} bytes`, maxBytes)
  }
  if (!body) return ''
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let length = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    length += value.byteLength
    if (length > maxBytes) {
      reader.cancel().catch(() => {})
      throw tooLarge(`passed ${maxBytes} bytes`, maxBytes)
    }
    text += decoder.decode(value, { stream: true })
  }
}

const tooLarge = (what, maxBytes) =>
  new RangeError(`The response body ${what}, more than the ${maxBytes} bytes allowed.`)

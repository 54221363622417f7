// The errors wasm-auth throws. Tests and apps switch on `code` (and `reason` for verification),
// never on messages.

export class AuthError extends Error {
  constructor(code, message, options) {
    super(message, options)
    this.name = 'AuthError'
    this.code = code
  }
}

/** A token failed verification; `reason` is one of Clerk's TokenVerificationErrorReason strings. */
export class TokenVerificationError extends AuthError {
  constructor(reason, message, options) {
    super(reason, message, options)
    this.name = 'TokenVerificationError'
    this.reason = reason
  }
}

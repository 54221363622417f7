//! One error type for everything the core can refuse. JS sees it as an `AuthError` (or, for token
//! verification, a `TokenVerificationError`) whose `code` is [`AuthError::code`]; tests assert
//! codes, never messages.
//!
//! [`ErrorKind`] is the one list of codes the package throws, those only JS raises included:
//! `tests/abi.rs` checks that the `AuthErrorCode` union of js/index.d.ts, the README's table and
//! every code js/ throws agree with [`ErrorKind::ALL`]. (`authenticateRequest`'s signed-out
//! `reason`s beyond a token's own are Clerk's `AuthErrorReason`s, js/server.d.ts's
//! `AuthStateReason`: results, never thrown.)

use core::fmt;

/// What went wrong, as a closed set of stable codes.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The token is not three base64url segments holding JSON objects.
    TokenInvalid,
    /// The claims are not an object, or a claim Clerk parses (`fea`, `o.per`, `o.fpm`) is malformed.
    ClaimsInvalid,
    /// An options object handed to the library is not what its function takes.
    OptionsInvalid,
    /// The auth server could not be reached, after retries.
    NetworkError,
    /// The auth server kept answering 5xx, after retries.
    ServerError,
    /// The auth server kept answering 429, after retries.
    RateLimited,
    /// The auth server refused the request (a 4xx other than 429), e.g. an organization the user
    /// is not a member of.
    RequestRejected,
    /// The auth server answered something the Frontend API protocol does not allow.
    ResponseInvalid,
    /// The operation needs a signed-in session.
    SignedOut,
    /// `useAuth()` was called outside an `<AuthProvider>` (raised by js/react-hooks.js).
    ProviderMissing,
    /// The WebAssembly instance trapped during the call; it was replaced by a fresh one, and later
    /// calls work (raised by js/wasm.js).
    InternalError,
    // Token verification (the server build only: unused variants would still cost the client
    // wasm their strings). Each `code()` is Clerk's `TokenVerificationErrorReason`.
    /// `alg` absent, not a supported asymmetric algorithm, or not one the key can verify.
    #[cfg(feature = "verify")]
    TokenInvalidAlgorithm,
    #[cfg(feature = "verify")]
    TokenInvalidSignature,
    /// A claim of the wrong type, an audience mismatch, or a key that cannot be used.
    #[cfg(feature = "verify")]
    TokenVerificationFailed,
    #[cfg(feature = "verify")]
    TokenInvalidAuthorizedParties,
    #[cfg(feature = "verify")]
    TokenInvalidIssuer,
    #[cfg(feature = "verify")]
    TokenExpired,
    #[cfg(feature = "verify")]
    TokenNotActiveYet,
    #[cfg(feature = "verify")]
    TokenIatInTheFuture,
    /// No key in the JWKS has the token's `kid`.
    #[cfg(feature = "verify")]
    JwkKidMismatch,
    /// No key to verify with at all.
    #[cfg(feature = "verify")]
    JwkLocalMissing,
    /// The instance's JWKS could not be fetched (js/jwks.js raises it; named here so the list of
    /// codes is whole).
    #[cfg(feature = "verify")]
    JwkRemoteFailedToLoad,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::TokenInvalid,
        ErrorKind::ClaimsInvalid,
        ErrorKind::OptionsInvalid,
        ErrorKind::NetworkError,
        ErrorKind::ServerError,
        ErrorKind::RateLimited,
        ErrorKind::RequestRejected,
        ErrorKind::ResponseInvalid,
        ErrorKind::SignedOut,
        ErrorKind::ProviderMissing,
        ErrorKind::InternalError,
        #[cfg(feature = "verify")]
        ErrorKind::TokenInvalidAlgorithm,
        #[cfg(feature = "verify")]
        ErrorKind::TokenInvalidSignature,
        #[cfg(feature = "verify")]
        ErrorKind::TokenVerificationFailed,
        #[cfg(feature = "verify")]
        ErrorKind::TokenInvalidAuthorizedParties,
        #[cfg(feature = "verify")]
        ErrorKind::TokenInvalidIssuer,
        #[cfg(feature = "verify")]
        ErrorKind::TokenExpired,
        #[cfg(feature = "verify")]
        ErrorKind::TokenNotActiveYet,
        #[cfg(feature = "verify")]
        ErrorKind::TokenIatInTheFuture,
        #[cfg(feature = "verify")]
        ErrorKind::JwkKidMismatch,
        #[cfg(feature = "verify")]
        ErrorKind::JwkLocalMissing,
        #[cfg(feature = "verify")]
        ErrorKind::JwkRemoteFailedToLoad,
    ];

    /// Whether `verifyToken` fails with this code: the kinds whose code is one of Clerk's
    /// `TokenVerificationErrorReason`s.
    pub fn is_verification_reason(self) -> bool {
        match self {
            ErrorKind::TokenInvalid => true,
            #[cfg(feature = "verify")]
            ErrorKind::TokenInvalidAlgorithm
            | ErrorKind::TokenInvalidSignature
            | ErrorKind::TokenVerificationFailed
            | ErrorKind::TokenInvalidAuthorizedParties
            | ErrorKind::TokenInvalidIssuer
            | ErrorKind::TokenExpired
            | ErrorKind::TokenNotActiveYet
            | ErrorKind::TokenIatInTheFuture
            | ErrorKind::JwkKidMismatch
            | ErrorKind::JwkLocalMissing
            | ErrorKind::JwkRemoteFailedToLoad => true,
            _ => false,
        }
    }

    /// The stable string JS code switches on.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::TokenInvalid => "token-invalid",
            ErrorKind::ClaimsInvalid => "claims-invalid",
            ErrorKind::OptionsInvalid => "options-invalid",
            ErrorKind::NetworkError => "network-error",
            ErrorKind::ServerError => "server-error",
            ErrorKind::RateLimited => "rate-limited",
            ErrorKind::RequestRejected => "request-rejected",
            ErrorKind::ResponseInvalid => "response-invalid",
            ErrorKind::SignedOut => "signed-out",
            ErrorKind::ProviderMissing => "provider-missing",
            ErrorKind::InternalError => "internal-error",
            #[cfg(feature = "verify")]
            ErrorKind::TokenInvalidAlgorithm => "token-invalid-algorithm",
            #[cfg(feature = "verify")]
            ErrorKind::TokenInvalidSignature => "token-invalid-signature",
            #[cfg(feature = "verify")]
            ErrorKind::TokenVerificationFailed => "token-verification-failed",
            #[cfg(feature = "verify")]
            ErrorKind::TokenInvalidAuthorizedParties => "token-invalid-authorized-parties",
            #[cfg(feature = "verify")]
            ErrorKind::TokenInvalidIssuer => "token-invalid-issuer",
            #[cfg(feature = "verify")]
            ErrorKind::TokenExpired => "token-expired",
            #[cfg(feature = "verify")]
            ErrorKind::TokenNotActiveYet => "token-not-active-yet",
            #[cfg(feature = "verify")]
            ErrorKind::TokenIatInTheFuture => "token-iat-in-the-future",
            #[cfg(feature = "verify")]
            ErrorKind::JwkKidMismatch => "jwk-kid-mismatch",
            #[cfg(feature = "verify")]
            ErrorKind::JwkLocalMissing => "jwk-local-missing",
            #[cfg(feature = "verify")]
            ErrorKind::JwkRemoteFailedToLoad => "jwk-remote-failed-to-load",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError {
    kind: ErrorKind,
    message: String,
}

impl AuthError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        AuthError { kind, message: message.into() }
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.code())
    }
}

impl std::error::Error for AuthError {}

pub type Result<T> = core::result::Result<T, AuthError>;

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

/// Declares [`ErrorKind`] from one table: each kind with its code, the verification kinds (whose
/// codes are Clerk's `TokenVerificationErrorReason`s) in a group of their own, present in the
/// server build only (unused kinds would still cost the client wasm their strings).
macro_rules! kinds {
    (
        { $($(#[$doc:meta])* $kind:ident => $code:literal,)* }
        verification { $($(#[$vdoc:meta])* $vkind:ident => $vcode:literal,)* }
    ) => {
        /// What went wrong, as a closed set of stable codes.
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum ErrorKind {
            $($(#[$doc])* $kind,)*
            $(#[cfg(feature = "verify")] $(#[$vdoc])* $vkind,)*
        }

        impl ErrorKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [ErrorKind] = &[
                $(ErrorKind::$kind,)*
                $(#[cfg(feature = "verify")] ErrorKind::$vkind,)*
            ];

            /// The stable string JS code switches on.
            pub fn code(self) -> &'static str {
                match self {
                    $(ErrorKind::$kind => $code,)*
                    $(#[cfg(feature = "verify")] ErrorKind::$vkind => $vcode,)*
                }
            }

            /// Whether `verifyToken` fails with this code: `token-invalid` and the verification
            /// kinds, whose codes are Clerk's `TokenVerificationErrorReason`s.
            pub fn is_verification_reason(self) -> bool {
                match self {
                    ErrorKind::TokenInvalid => true,
                    $(#[cfg(feature = "verify")] ErrorKind::$vkind => true,)*
                    _ => false,
                }
            }
        }
    };
}

kinds! {
    {
        /// The token is not three base64url segments holding JSON objects.
        TokenInvalid => "token-invalid",
        /// The claims are not an object, or a claim Clerk parses (`fea`, `o.per`, `o.fpm`) is malformed.
        ClaimsInvalid => "claims-invalid",
        /// An options object handed to the library is not what its function takes.
        OptionsInvalid => "options-invalid",
        /// The auth server could not be reached, after retries.
        NetworkError => "network-error",
        /// The auth server kept answering 5xx, after retries.
        ServerError => "server-error",
        /// The auth server kept answering 429, after retries.
        RateLimited => "rate-limited",
        /// The auth server refused the request (a 4xx other than 429), e.g. an organization the user
        /// is not a member of.
        RequestRejected => "request-rejected",
        /// The auth server answered something the Frontend API protocol does not allow.
        ResponseInvalid => "response-invalid",
        /// The operation needs a signed-in session.
        SignedOut => "signed-out",
        /// `useAuth()` was called outside an `<AuthProvider>` (raised by js/react/react-hooks.js).
        ProviderMissing => "provider-missing",
        /// The WebAssembly instance trapped during the call; it was replaced by a fresh one, and later
        /// calls work (raised by js/wasm/wasm.js).
        InternalError => "internal-error",
    }
    verification {
        /// `alg` absent, not a supported asymmetric algorithm, or not one the key can verify.
        TokenInvalidAlgorithm => "token-invalid-algorithm",
        TokenInvalidSignature => "token-invalid-signature",
        /// A claim of the wrong type, an audience mismatch, or a key that cannot be used.
        TokenVerificationFailed => "token-verification-failed",
        TokenInvalidAuthorizedParties => "token-invalid-authorized-parties",
        TokenInvalidIssuer => "token-invalid-issuer",
        TokenExpired => "token-expired",
        TokenNotActiveYet => "token-not-active-yet",
        TokenIatInTheFuture => "token-iat-in-the-future",
        /// No key in the JWKS has the token's `kid`.
        JwkKidMismatch => "jwk-kid-mismatch",
        /// No key to verify with at all.
        JwkLocalMissing => "jwk-local-missing",
        /// The instance's JWKS could not be fetched (js/server/jwks.js raises it; named here so the
        /// list of codes is whole).
        JwkRemoteFailedToLoad => "jwk-remote-failed-to-load",
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

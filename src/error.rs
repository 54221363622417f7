//! One error type for everything the core can refuse. JS sees it as an `AuthError` (or, for token
//! verification, a `TokenVerificationError`) whose `code` is [`AuthError::code`]; tests assert
//! codes, never messages.

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
}

impl ErrorKind {
    /// The stable string JS code switches on.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::TokenInvalid => "token-invalid",
            ErrorKind::ClaimsInvalid => "claims-invalid",
            ErrorKind::OptionsInvalid => "options-invalid",
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

//! wasm-auth: Clerk-compatible session claims, `has()` and token handling, in Rust for
//! WebAssembly. The modules below are plain Rust (no I/O, no clock); `wasm` binds them for JS.

mod authorization;
mod base64url;
mod claims;
mod decimal;
pub mod client;
mod ecmascript;
mod error;
mod json;
mod jwt;
mod permissions;
mod scopes;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use authorization::{CheckAuthorization, CheckParams, Param, Reverification};
pub use claims::{auth_object_from_claims, AuthObject};
pub use error::{AuthError, ErrorKind, Result};
pub use jwt::{decode_jwt, DecodedJwt, MAX_TOKEN_BYTES};
pub use scopes::ScopedClaims;

//! wasm-auth: Clerk-compatible session claims, `has()` and token handling, in Rust for
//! WebAssembly. The modules below are plain Rust (no I/O, no clock); `wasm` binds them for JS.

pub mod abi;
#[cfg(feature = "verify")]
mod algorithm;
#[cfg(any(target_arch = "wasm32", test))]
mod allocator;
mod authorization;
mod base64url;
mod claims;
pub mod client;
mod decimal;
mod ecmascript;
mod error;
mod json;
mod jwt;
#[cfg(feature = "verify")]
mod keys;
mod permissions;
#[cfg(feature = "verify")]
mod pkcs1;
mod scopes;
#[cfg(feature = "verify")]
mod verify;
#[cfg(feature = "verify")]
mod verify_options;

#[cfg(target_arch = "wasm32")]
mod wasm;

// Size classes instead of Rust's default dlmalloc: ~6 KB less wasm (src/allocator.rs says why it
// stays bounded).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: allocator::SizeClasses<allocator::WasmMemory> = allocator::SizeClasses::new(allocator::WasmMemory);

pub use authorization::{CheckAuthorization, CheckParams, Checker, Param, Reverification};
pub use claims::{grants_json, org_fields_json};
pub use error::{AuthError, ErrorKind, Result};
pub use jwt::{decode_jwt, split_jwt, DecodedJwt, Jwt, MAX_TOKEN_BYTES};
pub use scopes::ScopedClaims;
#[cfg(feature = "verify")]
pub use {
    algorithm::{Algorithm, KeyKind},
    jwt::MAX_HEADER_SEGMENT_BYTES,
    keys::{KeySet, MIN_RSA_BITS},
    verify::{verify_handshake, verify_token, VerifiedJwt},
    verify_options::{Allowed, VerifyOptions, DEFAULT_CLOCK_SKEW_MS},
};
#[cfg(all(fuzzing, feature = "verify"))]
pub use {pkcs1::fuzz_modpow, verify::fuzz_check_claims};

/// The parts joined, as `[..].concat()` joins them, without alloc's generic join: its code cost
/// the browser's wasm more than this loop.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut joined = String::new();
    for part in parts {
        joined.push_str(part);
    }
    joined
}

//! wasm-auth: Clerk-compatible session claims, `has()` and token handling, in Rust for
//! WebAssembly. The modules below are plain Rust (no I/O, no clock); `wasm` binds them for JS.

pub mod abi;
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
mod permissions;
#[doc(hidden)]
pub mod rng;
mod scopes;
// Server-side verification: signature crypto ~6x the client wasm, so only the server build has it.
#[cfg(feature = "verify")]
mod verify;

#[cfg(target_arch = "wasm32")]
mod wasm;

// Size classes instead of Rust's default dlmalloc: ~6.5 KB less wasm (src/allocator.rs says why it
// stays bounded).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: allocator::SizeClasses<allocator::WasmMemory> = allocator::SizeClasses::new(allocator::WasmMemory);

pub use authorization::{CheckAuthorization, CheckParams, Checker, Param, Reverification};
pub use claims::{grants_json, organization_from_claims};
pub use error::{AuthError, ErrorKind, Result};
pub use jwt::{decode_jwt, split_jwt, DecodedJwt, Jwt, MAX_TOKEN_BYTES};
pub use scopes::ScopedClaims;
#[cfg(all(fuzzing, feature = "verify"))]
pub use verify::{fuzz_check_claims, fuzz_modpow};
#[cfg(feature = "verify")]
pub use {
    jwt::MAX_HEADER_SEGMENT_BYTES,
    verify::{
        verify_handshake, verify_token, Algorithm, Allowed, KeyKind, KeySet, VerifiedJwt, VerifyOptions,
        DEFAULT_CLOCK_SKEW_MS, MIN_RSA_BITS,
    },
};

/// The parts joined, as `[..].concat()` joins them, without alloc's generic join: its code cost
/// the browser's wasm more than this loop.
pub(crate) fn concat(parts: &[&str]) -> String {
    let mut joined = String::new();
    for part in parts {
        joined.push_str(part);
    }
    joined
}

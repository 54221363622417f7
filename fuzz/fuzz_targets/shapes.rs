//! Claims shapes for the fuzz target: v2 claims built from a few bytes, big enough to show a
//! cost that is not linear in their size, and the check that it is not. A counting allocator
//! measures each input's heap high-water mark (what the browser's wasm memory would grow by).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use serde_json::json;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is System's; the counters only observe sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(block, layout) }
    }
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        if size > layout.size() {
            grew(size - layout.size());
        } else {
            LIVE.fetch_sub(layout.size() - size, Relaxed);
        }
        unsafe { System.realloc(block, layout, size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most a claims set may cost over its own size: its decoded grants, the checker and the
/// parsed copies the harness itself makes are each a small multiple of it.
const PER_BYTE: usize = 48;
const FIXED: usize = 1 << 20;

/// [features: 2][names: 2][name length: 2][mask digits: 2][digits…]: v2 claims of that shape,
/// run through `decode`; panics if the heap grew beyond what the claims' size allows.
pub fn claims_shape(bytes: &[u8], decode: impl Fn(&str)) {
    let Some((head, digits)) = bytes.split_first_chunk::<8>() else { return };
    let word = |i: usize| usize::from(u16::from_le_bytes([head[i], head[i + 1]]));
    let (features, names, name_length, mask_digits) =
        (word(0) % 20_000 + 1, word(2) % 20_000 + 1, word(4) % 60_000 + 1, word(6) % 5_000 + 1);
    // At most ~400 KB of claims (beyond the 256 KiB a token may be, so that every cost shows):
    // every seventh feature has a long mask, the others one digit; one permission name is long.
    if features * 10 + names * 2 + name_length + features / 7 * mask_digits > 400_000 {
        return;
    }
    let digit = |i: usize| char::from(b'0' + digits.get(i % digits.len().max(1)).map_or(1, |d| d % 10));
    let masks: Vec<String> = (0..features)
        .map(|f| if f % 7 == 0 { (0..mask_digits).map(|i| digit(i + f)).collect() } else { digit(f).to_string() })
        .collect();
    let fpm = masks.join(",");
    let long = "n".repeat(name_length);
    let per: Vec<&str> = (0..names).map(|i| if i == 0 { long.as_str() } else { "p" }).collect();
    let fea: Vec<String> = (0..features).map(|f| format!("o:f{f}")).collect();
    let claims = json!({ "v": 2, "sub": "user_1", "fea": fea.join(","), "o": { "id": "org_1", "rol": "admin", "per": per.join(","), "fpm": fpm } })
        .to_string();
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    decode(&claims);
    let grown = PEAK.load(Relaxed) - before;
    let allowed = PER_BYTE * claims.len() + FIXED;
    assert!(grown <= allowed, "{} bytes of claims grew the heap by {grown} (allowed {allowed})", claims.len());
}

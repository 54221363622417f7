//! The wasm's global allocator: power-of-two size classes, one free list each. It replaces Rust's
//! default wasm allocator (dlmalloc, ~7 KB of code, the largest single item in the client wasm)
//! with ~0.5 KB (544 bytes in docs/size.md's map), and every operation is O(1).
//!
//! Each block is naturally aligned (a 64-byte block sits on a 64-byte boundary), so one class
//! serves any alignment up to its size. A freed block goes back to its class's list and is reused
//! by the next request of that class; new blocks are cut from memory grown by `memory.grow`, and
//! the alignment gaps cutting leaves are themselves split into aligned blocks and listed. So the
//! memory a class ever holds is its largest number of blocks live at once: a client that runs for
//! days on a steady workload stops growing once it has seen its peak (the tests below prove the
//! bound). The price is up to 2x on a block's size, and no reuse across classes; this crate's
//! allocations are small strings and vectors, so that costs little.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

const PAGE: usize = 65536;
/// 8 bytes: room for the free list's link on wasm32 and on the 64-bit hosts the tests run on.
const MIN_CLASS: usize = 3;
/// Class `c` holds blocks of `1 << c` bytes; the largest is half the address space.
const CLASSES: usize = usize::BITS as usize - 1;

/// Where new memory comes from: `memory.grow` in wasm, an arena in the tests.
pub trait Grow {
    /// Adds `pages` pages of 64 KiB; returns the address where they start.
    fn grow(&mut self, pages: usize) -> Option<usize>;
}

pub struct Heap<G> {
    /// The first free block of each class; each free block's first word points to the next.
    free: [usize; CLASSES],
    /// Memory grown but not yet cut into blocks: `cursor..end`.
    cursor: usize,
    end: usize,
    grow: G,
}

/// The class whose blocks fit `layout` (its size and its alignment); `CLASSES` or more when none.
fn class_of(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    (usize::BITS - (size - 1).leading_zeros()) as usize
}

impl<G: Grow> Heap<G> {
    pub const fn new(grow: G) -> Self {
        Heap { free: [0; CLASSES], cursor: 0, end: 0, grow }
    }

    /// # Safety
    /// The heap owns the memory its `Grow` hands out; nothing else may write there.
    pub unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let class = class_of(layout);
        let Some(&head) = self.free.get(class) else { return null_mut() };
        if head != 0 {
            // SAFETY: a listed block is free, ours and at least a word long.
            self.free[class] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        self.cut(class).map_or(null_mut(), |block| block as *mut u8)
    }

    /// # Safety
    /// `block` came from `alloc` (or `realloc`) on this heap with `layout`, and is not used after.
    pub unsafe fn dealloc(&mut self, block: *mut u8, layout: Layout) {
        unsafe { self.push(class_of(layout), block as usize) }
    }

    /// Same class: the block already fits. Otherwise a new block, and the old one goes back to its
    /// class (keeping a shrunk block in place would strand its tail for good).
    ///
    /// # Safety
    /// As for `dealloc`; `new_size` rounded up to `layout.align()` does not overflow.
    pub unsafe fn realloc(&mut self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract (GlobalAlloc::realloc) makes this a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class_of(new_layout) == class_of(layout) {
            return block;
        }
        let moved = unsafe { self.alloc(new_layout) };
        if !moved.is_null() {
            unsafe {
                core::ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
                self.dealloc(block, layout);
            }
        }
        moved
    }

    unsafe fn push(&mut self, class: usize, block: usize) {
        // SAFETY: the block is free and ours, aligned and at least a word long.
        unsafe { *(block as *mut usize) = self.free[class] };
        self.free[class] = block;
    }

    /// A new block of `class`, cut at the next multiple of its size; grows memory when needed.
    fn cut(&mut self, class: usize) -> Option<usize> {
        let size = 1usize << class;
        let mut start = self.cursor.checked_next_multiple_of(size)?;
        if start.checked_add(size)? > self.end {
            // Pages start on 64 KiB boundaries, so twice the size always holds an aligned block.
            let pages = size.checked_mul(2)?.div_ceil(PAGE);
            let region = self.grow.grow(pages)?;
            if region != self.end {
                // Not contiguous (or the first grow): list what is left of the old region.
                self.release(self.cursor, self.end);
                self.cursor = region;
            }
            self.end = region + pages * PAGE;
            start = self.cursor.next_multiple_of(size);
        }
        self.release(self.cursor, start);
        self.cursor = start + size;
        Some(start)
    }

    /// Lists `from..to` as the largest naturally aligned blocks that tile it. Both ends are
    /// multiples of 8 (every block size and every region start is).
    fn release(&mut self, mut from: usize, to: usize) {
        while from < to {
            let aligned = from.trailing_zeros() as usize;
            let fits = (usize::BITS - 1 - (to - from).leading_zeros()) as usize;
            let class = aligned.min(fits).min(CLASSES - 1);
            // SAFETY: from..from + (1 << class) lies in memory the heap grew and has not handed out.
            unsafe { self.push(class, from) };
            from += 1 << class;
        }
    }
}

/// `memory.grow` on this module's memory.
#[cfg(target_arch = "wasm32")]
pub struct WasmMemory;

#[cfg(target_arch = "wasm32")]
impl Grow for WasmMemory {
    fn grow(&mut self, pages: usize) -> Option<usize> {
        let before = core::arch::wasm32::memory_grow(0, pages);
        (before != usize::MAX).then(|| before * PAGE)
    }
}

/// The global allocator: a [`Heap`] behind a cell.
pub struct SizeClasses<G>(UnsafeCell<Heap<G>>);

impl<G: Grow> SizeClasses<G> {
    pub const fn new(grow: G) -> Self {
        SizeClasses(UnsafeCell::new(Heap::new(grow)))
    }
}

// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread, so the heap is never
// reached from two at once (a build with threads would need a lock: see the compile_error below).
unsafe impl<G> Sync for SizeClasses<G> {}
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
compile_error!("src/allocator.rs assumes one thread: wasm built with atomics needs a locked allocator");

/// Set by [`arm_trap`]: the next allocation traps.
#[cfg(target_arch = "wasm32")]
static TRAP_ARMED: core::sync::atomic::AtomicBool = core::sync::atomic::AtomicBool::new(false);

/// Makes the next allocation trap, as an allocation failure or a panic would: for tests only,
/// which prove that the JS layer survives a trap in the middle of a real call (js/wasm/wasm.js).
#[cfg(target_arch = "wasm32")]
pub fn arm_trap() {
    TRAP_ARMED.store(true, core::sync::atomic::Ordering::Relaxed);
}

unsafe impl<G: Grow> GlobalAlloc for SizeClasses<G> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        #[cfg(target_arch = "wasm32")]
        if TRAP_ARMED.load(core::sync::atomic::Ordering::Relaxed) {
            core::arch::wasm32::unreachable();
        }
        unsafe { (*self.0.get()).alloc(layout) }
    }
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        unsafe { (*self.0.get()).dealloc(block, layout) }
    }
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        unsafe { (*self.0.get()).realloc(block, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An arena of `pages` pages standing in for wasm memory, grown from its start.
    struct Arena {
        _memory: Vec<u8>,
        base: usize,
        used: usize,
        pages: usize,
    }

    impl Arena {
        fn new(pages: usize) -> Self {
            let memory = vec![0u8; (pages + 1) * PAGE];
            let base = (memory.as_ptr() as usize).next_multiple_of(PAGE);
            Arena { _memory: memory, base, used: 0, pages }
        }
    }

    impl Grow for &mut Arena {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            (self.used + pages <= self.pages).then(|| {
                self.used += pages;
                self.base + (self.used - pages) * PAGE
            })
        }
    }

    /// The crate's generator, as a function of its state.
    fn next(rng: &mut crate::rng::Rng) -> u64 {
        rng.next_u64()
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_keep_their_bytes() {
        let mut arena = Arena::new(256);
        let mut heap = Heap::new(&mut arena);
        let mut seed = crate::rng::Rng::new(7);
        let mut live: Vec<(usize, Layout, u8)> = Vec::new();
        for step in 0..20_000u32 {
            let r = next(&mut seed);
            if live.len() < 400 && r % 3 != 0 {
                let size = [1, 7, 8, 13, 24, 100, 1000, 5000, 70_000][(r >> 8) as usize % 9];
                let align = [1, 2, 8, 16, 64, 4096][(r >> 16) as usize % 6];
                let layout = Layout::from_size_align(size, align).unwrap();
                let block = unsafe { heap.alloc(layout) } as usize;
                assert_ne!(block, 0);
                assert_eq!(block % align, 0, "alignment of {layout:?}");
                let fill = step as u8;
                unsafe { core::ptr::write_bytes(block as *mut u8, fill, size) };
                live.push((block, layout, fill));
            } else if !live.is_empty() {
                let (block, layout, fill) = live.swap_remove((r >> 8) as usize % live.len());
                let bytes = unsafe { core::slice::from_raw_parts(block as *const u8, layout.size()) };
                assert!(bytes.iter().all(|&b| b == fill), "a block was overwritten while live");
                if r % 5 == 0 {
                    let new_size = (r >> 20) as usize % 3000 + 1;
                    let moved = unsafe { heap.realloc(block as *mut u8, layout, new_size) } as usize;
                    let kept = layout.size().min(new_size);
                    let bytes = unsafe { core::slice::from_raw_parts(moved as *const u8, kept) };
                    assert!(bytes.iter().all(|&b| b == fill), "realloc lost bytes");
                    let layout = Layout::from_size_align(new_size, layout.align()).unwrap();
                    unsafe { core::ptr::write_bytes(moved as *mut u8, fill, new_size) };
                    live.push((moved, layout, fill));
                } else {
                    unsafe { heap.dealloc(block as *mut u8, layout) };
                }
            }
        }
    }

    #[test]
    fn a_steady_workload_stops_growing_memory() {
        let mut arena = Arena::new(1024);
        let mut heap = Heap::new(&mut arena);
        let mut seed = crate::rng::Rng::new(11);
        let mut live: Vec<(usize, Layout)> = Vec::new();
        let mut grown_after_warmup = 0;
        for round in 0..200 {
            // Each round: a burst of up to 300 live blocks of mixed sizes, then everything freed,
            // as a client does per response and per token.
            for _ in 0..300 {
                let r = next(&mut seed);
                let layout = Layout::from_size_align((r % 4000 + 1) as usize, 8).unwrap();
                live.push((unsafe { heap.alloc(layout) } as usize, layout));
            }
            for (block, layout) in live.drain(..) {
                unsafe { heap.dealloc(block as *mut u8, layout) };
            }
            if round == 20 {
                grown_after_warmup = heap.grow.used;
            }
        }
        assert!(grown_after_warmup > 0);
        // Later rounds may still meet a few new peaks per class, but memory levels off.
        assert!(heap.grow.used <= grown_after_warmup + 2, "grew from {grown_after_warmup} to {} pages", heap.grow.used);
    }

    #[test]
    fn the_global_allocator_reuses_a_freed_block_of_the_same_class() {
        let mut arena = Arena::new(4);
        let global = SizeClasses::new(&mut arena);
        let layout = Layout::from_size_align(40, 8).unwrap();
        let first = unsafe { global.alloc(layout) };
        unsafe { global.dealloc(first, layout) };
        // 40 and 60 bytes are both class 64: the freed block serves the next request.
        let second = unsafe { global.alloc(Layout::from_size_align(60, 4).unwrap()) };
        assert_eq!(first, second);
        assert_eq!(
            unsafe { global.realloc(second, Layout::from_size_align(60, 4).unwrap(), 64) },
            second,
            "growing within the class stays put"
        );
    }

    /// Property tests run natively only: proptest is a native dev-dependency (Cargo.toml).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;

        #[derive(Clone, Debug)]
        enum Op {
            Alloc { size: usize, align: usize },
            Free(usize),
            Realloc(usize, usize),
        }

        fn op() -> impl proptest::strategy::Strategy<Value = Op> {
            use proptest::prelude::*;
            let size = prop_oneof![1usize..64, 64usize..4096, 4096usize..40_000];
            prop_oneof![
                3 => (size.clone(), 0u32..13).prop_map(|(size, shift)| Op::Alloc { size, align: 1 << shift }),
                2 => any::<usize>().prop_map(Op::Free),
                1 => (any::<usize>(), size).prop_map(|(i, size)| Op::Realloc(i, size)),
            ]
        }

        proptest::proptest! {
            #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
            /// Any sequence of allocations, frees and reallocations against a model of what is live:
            /// every block is aligned, overlaps no live block, keeps its bytes (a realloc its prefix),
            /// and memory grows only when no free block of the class is left to reuse.
            #[test]
            fn any_sequence_keeps_blocks_apart_and_their_bytes(ops in proptest::collection::vec(op(), 1..200)) {
                let mut arena = Arena::new(512);
                let mut heap = Heap::new(&mut arena);
                let mut live: Vec<(usize, Layout, u8)> = Vec::new(); // the model
                let check = |live: &[(usize, Layout, u8)]| {
                    for (i, &(block, layout, fill)) in live.iter().enumerate() {
                        let bytes = unsafe { core::slice::from_raw_parts(block as *const u8, layout.size()) };
                        assert!(bytes.iter().all(|&b| b == fill), "block {i} lost its bytes");
                        for &(other, other_layout, _) in &live[i + 1..] {
                            let apart = block + layout.size() <= other || other + other_layout.size() <= block;
                            assert!(apart, "{block:#x}+{} overlaps {other:#x}+{}", layout.size(), other_layout.size());
                        }
                    }
                };
                for (step, op) in ops.into_iter().enumerate() {
                    let fill = step as u8;
                    match op {
                        Op::Alloc { size, align } => {
                            let layout = Layout::from_size_align(size, align).unwrap();
                            let block = unsafe { heap.alloc(layout) } as usize;
                            proptest::prop_assert!(block != 0 && block % align == 0, "{layout:?} at {block:#x}");
                            unsafe { core::ptr::write_bytes(block as *mut u8, fill, size) };
                            live.push((block, layout, fill));
                        }
                        Op::Free(i) if !live.is_empty() => {
                            let (block, layout, _) = live.swap_remove(i % live.len());
                            unsafe { heap.dealloc(block as *mut u8, layout) };
                        }
                        Op::Realloc(i, size) if !live.is_empty() => {
                            let (block, layout, old) = live.swap_remove(i % live.len());
                            let moved = unsafe { heap.realloc(block as *mut u8, layout, size) } as usize;
                            proptest::prop_assert!(moved != 0 && moved % layout.align() == 0);
                            let kept = unsafe { core::slice::from_raw_parts(moved as *const u8, layout.size().min(size)) };
                            proptest::prop_assert!(kept.iter().all(|&b| b == old), "realloc lost the prefix");
                            unsafe { core::ptr::write_bytes(moved as *mut u8, fill, size) };
                            live.push((moved, Layout::from_size_align(size, layout.align()).unwrap(), fill));
                        }
                        _ => {}
                    }
                    check(&live);
                }
                // Freed blocks are reused: allocating what is live again needs no new memory.
                let grown = heap.grow.used;
                let layouts: Vec<Layout> = live.iter().map(|&(_, layout, _)| layout).collect();
                for (block, layout, _) in live.drain(..) {
                    unsafe { heap.dealloc(block as *mut u8, layout) };
                }
                for layout in layouts {
                    let block = unsafe { heap.alloc(layout) };
                    proptest::prop_assert!(!block.is_null(), "{layout:?}");
                }
                proptest::prop_assert_eq!(heap.grow.used, grown, "memory grew for blocks its free lists held");
            }
        }
    }

    #[test]
    fn oversized_or_exhausted_requests_fail_with_null() {
        let mut arena = Arena::new(4);
        let mut heap = Heap::new(&mut arena);
        assert!(unsafe { heap.alloc(Layout::from_size_align(isize::MAX as usize - 7, 1).unwrap()) }.is_null());
        assert!(unsafe { heap.alloc(Layout::from_size_align(5 * PAGE, 8).unwrap()) }.is_null());
        assert!(!unsafe { heap.alloc(Layout::from_size_align(100, 8).unwrap()) }.is_null());
    }
}

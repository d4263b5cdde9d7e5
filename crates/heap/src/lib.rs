//! The global allocator of sharecite's two wasm modules.
//!
//! Simple segregated storage: a request is rounded up to a power of two,
//! its *class*, and served from that class's free list, else cut from fresh
//! memory at the end of the heap. A freed block goes back on its class's
//! list and is handed out again whole: no headers, no splitting, no
//! merging. That is a few hundred bytes of code where talc took 1.3 KB and
//! dlmalloc more, in each module, for every reader to download.
//!
//! What it gives up suits these modules: up to half of a block can go
//! unused, and memory freed in one class serves only that class. The
//! widget keeps a few KB per placement and asks for the same sizes again
//! and again (the same strings, vectors and closures for every placement
//! and every event), so the free lists absorb its churn; the citation
//! module frees everything after each citation.
//!
//! ```
//! use core::alloc::{GlobalAlloc, Layout};
//! use sharecite_heap::{Grow, Heap, PAGE};
//!
//! /// Hands out one region, as a wasm module's memory does at first.
//! struct Region(core::cell::Cell<Option<usize>>);
//! impl Grow for Region {
//!     fn grow(&self, _pages: usize) -> Option<usize> {
//!         self.0.take()
//!     }
//! }
//!
//! let region = vec![0u64; 2 * PAGE / 8];
//! let start = (region.as_ptr() as usize).next_multiple_of(PAGE);
//! let heap = Heap::new(Region(Some(start).into()));
//! let layout = Layout::from_size_align(24, 8).unwrap();
//! unsafe {
//!     let first = heap.alloc(layout);
//!     assert_eq!(first as usize, start);
//!     heap.dealloc(first, layout);
//!     assert_eq!(heap.alloc(layout), first, "a freed block is reused");
//! }
//! ```

#![no_std]
#![deny(missing_debug_implementations, missing_docs)]

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::{fmt, ptr};

/// The unit memory grows by: a WebAssembly page, 64 KiB.
pub const PAGE: usize = 1 << 16;

/// The smallest class: a free block must hold the next one's address.
const SMALLEST: u32 = 3;
/// One free list per power of two from 8 bytes up to the address space.
const CLASSES: usize = (usize::BITS - SMALLEST) as usize;

/// Where a [`Heap`] gets fresh memory.
pub trait Grow {
    /// Adds `pages` pages of memory and returns the address they start
    /// at (a multiple of [`PAGE`], never 0: the free lists end at 0), or
    /// `None` when there is no more.
    fn grow(&self, pages: usize) -> Option<usize>;
}

/// A wasm module's own linear memory.
#[derive(Debug, Clone, Copy)]
pub struct LinearMemory;

#[cfg(target_family = "wasm")]
impl Grow for LinearMemory {
    fn grow(&self, pages: usize) -> Option<usize> {
        let previous_pages = core::arch::wasm32::memory_grow::<0>(pages);
        (previous_pages != usize::MAX).then(|| previous_pages * PAGE)
    }
}

/// The allocator: free lists by class over memory from `G`.
pub struct Heap<G> {
    state: UnsafeCell<State>,
    memory: G,
}

struct State {
    /// The first free block of each class; each free block starts with
    /// the address of the next (0 ends the list).
    free: [usize; CLASSES],
    /// Fresh memory not yet cut into blocks: `next..end`.
    next: usize,
    end: usize,
}

impl<G> Heap<G> {
    /// An empty heap; it grows `memory` on its first allocation.
    pub const fn new(memory: G) -> Self {
        Heap {
            state: UnsafeCell::new(State {
                free: [0; CLASSES],
                next: 0,
                end: 0,
            }),
            memory,
        }
    }
}

impl<G> fmt::Debug for Heap<G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Heap")
    }
}

// A wasm module without threads runs on one thread, so the state behind
// the `UnsafeCell` is never touched by two at once.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
unsafe impl Sync for Heap<LinearMemory> {}

/// The class of a layout: log2 of its block size. A block is aligned to
/// its own size (up to a page), so any alignment up to the size holds.
fn class(layout: Layout) -> Option<usize> {
    if layout.align() > PAGE {
        return None;
    }
    let block = layout
        .size()
        .max(layout.align())
        .checked_next_power_of_two()?;
    Some((block.trailing_zeros().max(SMALLEST) - SMALLEST) as usize)
}

impl<G: Grow> Heap<G> {
    /// A block of class `class`, from its free list or else fresh memory;
    /// 0 when memory cannot grow.
    ///
    /// # Safety
    /// Not re-entered: the heap is used from one thread.
    unsafe fn take(&self, class: usize) -> usize {
        let state = &mut *self.state.get();
        let head = state.free[class];
        if head != 0 {
            state.free[class] = *(head as *const usize);
            return head;
        }
        let size = 1usize << (class as u32 + SMALLEST);
        // `end` is 0 or a multiple of a page, so rounding up stays within it.
        let mut start = state.next.next_multiple_of(size.min(PAGE));
        let mut cut_to = start;
        if state.end - start < size {
            let pages = size.div_ceil(PAGE);
            let Some(base) = self.memory.grow(pages) else {
                return 0;
            };
            // The last page of a 32-bit address space stays unused rather
            // than `end` wrapping to 0.
            let Some(end) = base.checked_add(pages * PAGE) else {
                return 0;
            };
            // Memory someone else added in between is not ours to cut.
            if base != state.end {
                cut_to = state.end;
                start = base;
            }
            state.end = end;
        }
        state.free_range(cut_to);
        state.next = start + size;
        start
    }
}

impl State {
    /// Puts the fresh memory from `next` up to `to` (skipped to align a
    /// block, or left behind when memory grew elsewhere) on the free lists,
    /// as the largest blocks aligned to their size: rounding up to a
    /// block's size wasted as much as a third of the heap before.
    ///
    /// # Safety
    /// `next..to` is ours and unused, and `to` is a multiple of a page or
    /// of the size `next` was rounded up to, so every piece fits.
    unsafe fn free_range(&mut self, to: usize) {
        while self.next < to {
            let piece_log2 = self.next.trailing_zeros().min(PAGE.trailing_zeros());
            self.push(self.next, (piece_log2 - SMALLEST) as usize);
            self.next += 1 << piece_log2;
        }
    }

    /// Puts `block` on the free list of `class`.
    ///
    /// # Safety
    /// `block` is ours, unused and at least the class's size.
    unsafe fn push(&mut self, block: usize, class: usize) {
        *(block as *mut usize) = self.free[class];
        self.free[class] = block;
    }
}

unsafe impl<G: Grow> GlobalAlloc for Heap<G> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            Some(class) => self.take(class) as *mut u8,
            None => ptr::null_mut(),
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        if let Some(class) = class(layout) {
            (*self.state.get()).push(block as usize, class);
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
        if class(new_layout) == class(layout) {
            return block;
        }
        let moved = self.alloc(new_layout);
        if !moved.is_null() {
            ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
            self.dealloc(block, layout);
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;
    use core::cell::Cell;
    use proptest::prelude::*;
    use std::vec::Vec;

    /// Pages of a test's own buffer, handed out in order as a wasm
    /// memory grows; `taken_by_others` pages are skipped before the next
    /// growth, as if another user of the memory had grown it in between.
    struct Pool {
        _buffer: Vec<u64>,
        start: usize,
        pages: usize,
        used: Cell<usize>,
        growths: Cell<usize>,
        taken_by_others: Cell<usize>,
    }

    impl Pool {
        fn new(pages: usize) -> Self {
            let buffer = std::vec![0u64; (pages + 1) * PAGE / 8];
            let start = (buffer.as_ptr() as usize).next_multiple_of(PAGE);
            Pool {
                _buffer: buffer,
                start,
                pages,
                used: Cell::new(0),
                growths: Cell::new(0),
                taken_by_others: Cell::new(0),
            }
        }
    }

    impl Grow for &Pool {
        fn grow(&self, pages: usize) -> Option<usize> {
            let at = self.used.get() + self.taken_by_others.take();
            if at + pages > self.pages {
                return None;
            }
            self.used.set(at + pages);
            self.growths.set(self.growths.get() + 1);
            Some(self.start + at * PAGE)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn a_layout_is_served_by_the_power_of_two_that_holds_it() {
        for (size, align, expected) in [
            (1, 1, Some(0)),
            (8, 8, Some(0)),
            (9, 1, Some(1)),
            (16, 16, Some(1)),
            (17, 8, Some(2)),
            (4, 32, Some(2)),
            (PAGE, PAGE, Some(13)),
            (PAGE + 1, 1, Some(14)),
            (1, 2 * PAGE, None),
            (isize::MAX as usize, 1, Some(usize::BITS as usize - 1 - 3)),
        ] {
            assert_eq!(
                class(layout(size, align)),
                expected,
                "{size} bytes, align {align}"
            );
        }
    }

    #[test]
    fn a_freed_block_serves_the_next_request_of_its_class() {
        let pool = Pool::new(4);
        let heap = Heap::new(&pool);
        unsafe {
            let a = heap.alloc(layout(24, 8));
            let b = heap.alloc(layout(20, 4));
            assert_eq!(b as usize - a as usize, 32, "cut one after the other");
            heap.dealloc(a, layout(24, 8));
            heap.dealloc(b, layout(20, 4));
            assert_eq!(heap.alloc(layout(30, 2)), b, "last freed, first reused");
            assert_eq!(heap.alloc(layout(17, 1)), a);
            let small = heap.alloc(layout(8, 8));
            assert!(small != a && small != b, "another class cuts fresh memory");
        }
    }

    #[test]
    fn realloc_keeps_a_block_that_still_fits_and_moves_one_that_does_not() {
        let pool = Pool::new(4);
        let heap = Heap::new(&pool);
        unsafe {
            let block = heap.alloc(layout(5, 1));
            ptr::copy_nonoverlapping(b"share".as_ptr(), block, 5);
            assert_eq!(heap.realloc(block, layout(5, 1), 8), block);
            let moved = heap.realloc(block, layout(8, 1), 100);
            assert_ne!(moved, block);
            assert_eq!(core::slice::from_raw_parts(moved, 5), b"share");
            assert_eq!(heap.alloc(layout(8, 1)), block, "the old block was freed");
            assert_eq!(heap.realloc(moved, layout(100, 1), 65), moved);
        }
    }

    #[test]
    fn blocks_are_aligned_to_their_size_up_to_a_page() {
        let pool = Pool::new(8);
        let heap = Heap::new(&pool);
        unsafe {
            heap.alloc(layout(8, 1));
            let wide = heap.alloc(layout(64, 64));
            assert_eq!(wide as usize % 64, 0);
            let paged = heap.alloc(layout(3 * PAGE, 1));
            assert_eq!(paged as usize % PAGE, 0);
        }
    }

    #[test]
    fn memory_skipped_to_align_a_block_serves_smaller_ones() {
        let pool = Pool::new(4);
        let heap = Heap::new(&pool);
        unsafe {
            let first = heap.alloc(layout(8, 8)) as usize;
            assert_eq!(heap.alloc(layout(64, 8)) as usize, first + 64);
            assert_eq!(heap.alloc(layout(32, 8)) as usize, first + 32);
            assert_eq!(heap.alloc(layout(16, 8)) as usize, first + 16);
            assert_eq!(heap.alloc(layout(8, 8)) as usize, first + 8);
            assert_eq!(
                heap.alloc(layout(8, 8)) as usize,
                first + 128,
                "the gap is used up"
            );
        }
    }

    #[test]
    fn a_block_larger_than_the_rest_of_the_heap_grows_it() {
        let pool = Pool::new(8);
        let heap = Heap::new(&pool);
        unsafe {
            let first = heap.alloc(layout(PAGE / 2, 1));
            let second = heap.alloc(layout(PAGE, 1));
            assert_eq!(first as usize, pool.start);
            assert_eq!(second as usize, pool.start + PAGE);
            assert_eq!(pool.used.get(), 2, "one page, then one more");
        }
    }

    #[test]
    fn memory_grown_by_someone_else_is_left_alone() {
        let pool = Pool::new(8);
        let heap = Heap::new(&pool);
        unsafe {
            heap.alloc(layout(PAGE, 1));
            pool.taken_by_others.set(2);
            let block = heap.alloc(layout(8, 1));
            assert_eq!(block as usize, pool.start + 3 * PAGE);
            pool.taken_by_others.set(1);
            let large = heap.alloc(layout(PAGE, 1));
            assert_eq!(large as usize, pool.start + 5 * PAGE);
            let rest = heap.alloc(layout(PAGE / 2, 1));
            assert_eq!(
                rest as usize,
                pool.start + 3 * PAGE + PAGE / 2,
                "the page left behind serves later"
            );
        }
    }

    #[test]
    fn no_memory_left_is_a_null_block_and_the_free_lists_still_serve() {
        let pool = Pool::new(1);
        let heap = Heap::new(&pool);
        unsafe {
            let block = heap.alloc(layout(PAGE, 1));
            assert!(!block.is_null());
            assert!(heap.alloc(layout(1, 1)).is_null());
            assert!(
                heap.alloc(layout(1, 2 * PAGE)).is_null(),
                "alignment beyond a page"
            );
            heap.dealloc(block, layout(PAGE, 1));
            assert_eq!(heap.alloc(layout(PAGE - 1, 1)), block);
        }
    }

    #[test]
    fn the_same_work_again_needs_no_more_memory() {
        let pool = Pool::new(64);
        let heap = Heap::new(&pool);
        let work = |heap: &Heap<&Pool>| unsafe {
            let mut text = heap.alloc(layout(8, 1));
            for size in [16, 32, 64, 128, 256, 512, 1024] {
                text = heap.realloc(text, layout(size / 2, 1), size);
            }
            let items: Vec<*mut u8> = (1..200).map(|n| heap.alloc(layout(n, 8))).collect();
            for (n, item) in (1..200).zip(items) {
                heap.dealloc(item, layout(n, 8));
            }
            heap.dealloc(text, layout(1024, 1));
        };
        work(&heap);
        let grown = pool.growths.get();
        for _ in 0..100 {
            work(&heap);
        }
        assert_eq!(pool.growths.get(), grown);
    }

    #[derive(Debug, Clone)]
    enum Step {
        Alloc { size: usize, align_log2: u32 },
        Free(usize),
        Realloc(usize, usize),
        OthersGrow,
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (1usize..3000, 0u32..7).prop_map(|(size, align_log2)| Step::Alloc { size, align_log2 }),
            any::<usize>().prop_map(Step::Free),
            (any::<usize>(), 1usize..3000).prop_map(|(i, size)| Step::Realloc(i, size)),
            Just(Step::OthersGrow),
        ]
    }

    proptest! {
        /// Live blocks are aligned, never overlap (each keeps the byte it
        /// was filled with) and keep their contents through a move.
        #[test]
        fn live_blocks_stay_apart_and_keep_their_bytes(steps in proptest::collection::vec(step(), 1..300)) {
            let pool = Pool::new(1024);
            let heap = Heap::new(&pool);
            let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
            let intact = |(block, layout, fill): &(*mut u8, Layout, u8)| unsafe {
                core::slice::from_raw_parts(*block, layout.size()).iter().all(|b| b == fill)
            };
            for (n, step) in steps.into_iter().enumerate() {
                let fill = n as u8;
                unsafe {
                    match step {
                        Step::Alloc { size, align_log2 } => {
                            let layout = layout(size, 1 << align_log2);
                            let block = heap.alloc(layout);
                            prop_assert!(!block.is_null());
                            prop_assert_eq!(block as usize % layout.align(), 0);
                            block.write_bytes(fill, size);
                            live.push((block, layout, fill));
                        }
                        Step::Free(i) if !live.is_empty() => {
                            let entry = live.swap_remove(i % live.len());
                            prop_assert!(intact(&entry));
                            heap.dealloc(entry.0, entry.1);
                        }
                        Step::Realloc(i, size) if !live.is_empty() => {
                            let i = i % live.len();
                            let (block, layout, old_fill) = live[i];
                            let moved = heap.realloc(block, layout, size);
                            prop_assert!(!moved.is_null());
                            let kept = layout.size().min(size);
                            let prefix = core::slice::from_raw_parts(moved, kept);
                            prop_assert!(prefix.iter().all(|b| *b == old_fill));
                            moved.write_bytes(fill, size);
                            live[i] = (moved, Layout::from_size_align(size, layout.align()).unwrap(), fill);
                        }
                        Step::OthersGrow => pool.taken_by_others.set(1),
                        _ => {}
                    }
                }
                prop_assert!(live.iter().all(intact));
            }
        }
    }
}

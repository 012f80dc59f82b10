//! Work spread over the machine's cores: a shared queue that one thread per
//! core (the caller's included) takes items from, costliest first when the
//! caller orders them that way. Results keep the order of the input, so
//! nothing that is written out depends on which thread ran what.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, in item order. An item on which `f`
/// panicked comes back as `None`: the panic is a bug in `f`, reported by
/// the caller instead of taking the whole run down, and it is caught on
/// every thread alike, so the outcome does not depend on the core count.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    map_with_workers(items, cores(), f)
}

/// The threads [`map`] uses at most: one per core.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// [`map`] on at most `workers` threads, the caller's included.
pub(crate) fn map_with_workers<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    // `f` is not used again for an item it panicked on, and callers treat
    // any `None` as a failed run, so state a panic left half-updated is
    // never read as a result.
    let run = |item: &T| catch_unwind(AssertUnwindSafe(|| f(item))).ok();
    let workers = workers.min(items.len());
    if workers <= 1 {
        return items.iter().map(run).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, run(item)));
        }
    };
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..workers).map(|_| s.spawn(work)).collect();
        let mut done = work();
        for h in helpers {
            // `work` catches every panic of `f`; a helper that still failed
            // leaves its items' slots empty.
            if let Ok(d) = h.join() {
                done.extend(d);
            }
        }
        for (i, r) in done {
            results[i] = r;
        }
    });
    results
}

/// [`map`] for work that can fail: every result, or the first error in item
/// order, or `panicked()` when `f` panicked on an item.
pub fn try_map<T: Sync, R: Send, E: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, E> + Sync,
    panicked: impl FnOnce() -> E,
) -> Result<Vec<R>, E> {
    try_map_with_workers(items, cores(), f, panicked)
}

/// [`try_map`] on at most `workers` threads.
pub(crate) fn try_map_with_workers<T: Sync, R: Send, E: Send>(
    items: &[T],
    workers: usize,
    f: impl Fn(&T) -> Result<R, E> + Sync,
    panicked: impl FnOnce() -> E,
) -> Result<Vec<R>, E> {
    collect(map_with_workers(items, workers, f), panicked)
}

fn collect<R, E>(
    results: Vec<Option<Result<R, E>>>,
    panicked: impl FnOnce() -> E,
) -> Result<Vec<R>, E> {
    if results.iter().any(Option::is_none) {
        return Err(panicked());
    }
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Barrier;

    /// A panic on one item, with one worker (no thread but the caller's)
    /// and with two.
    #[test]
    fn a_panic_is_a_missing_result_on_one_core_and_on_two() {
        let items: Vec<u32> = (0..8).collect();
        for workers in [1, 2] {
            let out = map_with_workers(&items, workers, |&i| {
                assert_ne!(i, 3, "a bug in f");
                i * 10
            });
            let expected: Vec<Option<u32>> =
                items.iter().map(|&i| (i != 3).then_some(i * 10)).collect();
            assert_eq!(out, expected, "{workers} workers");
            let r = try_map_with_workers(
                &items,
                workers,
                |&i| if i == 3 { panic!("a bug in f") } else { Ok(i) },
                || "panicked",
            );
            assert_eq!(r, Err("panicked"), "{workers} workers");
        }
    }

    /// Both threads of two run `f`: the first two calls wait for each
    /// other, so neither thread can take every item. Every call panics,
    /// the caller's share included.
    #[test]
    fn a_panic_in_the_callers_share_is_caught() {
        let items: Vec<u32> = (0..6).collect();
        let both = Barrier::new(2);
        let calls = AtomicUsize::new(0);
        let threads = std::sync::Mutex::new(std::collections::BTreeSet::new());
        let out: Vec<Option<()>> = map_with_workers(&items, 2, |_| {
            if calls.fetch_add(1, Ordering::SeqCst) < 2 {
                both.wait();
            }
            if let Ok(mut t) = threads.lock() {
                t.insert(format!("{:?}", std::thread::current().id()));
            }
            panic!("a bug in f");
        });
        assert_eq!(out, vec![None; items.len()]);
        let threads = threads.into_inner().expect("not poisoned");
        assert_eq!(threads.len(), 2, "both threads ran f: {threads:?}");
    }
}

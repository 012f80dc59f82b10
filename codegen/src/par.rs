//! Work spread over the machine's cores: a shared queue that one thread per
//! core (the caller's included) takes items from, costliest first when the
//! caller orders them that way. Results keep the order of the input, so
//! nothing that is written out depends on which thread ran what.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` applied to every item, in item order. An item whose worker thread
/// panicked comes back as `None`: the panic is a bug in `f`, reported by
/// the caller instead of taking the whole run down.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(|item| Some(f(item))).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..workers).map(|_| s.spawn(work)).collect();
        let mut done = work();
        for h in helpers {
            // A worker that panicked leaves its items' slots empty.
            if let Ok(d) = h.join() {
                done.extend(d);
            }
        }
        for (i, r) in done {
            results[i] = Some(r);
        }
    });
    results
}

/// [`map`] for work that can fail: every result, or the first error in item
/// order, or `panicked()` when a worker panicked.
pub fn try_map<T: Sync, R: Send, E: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, E> + Sync,
    panicked: impl FnOnce() -> E,
) -> Result<Vec<R>, E> {
    let results = map(items, f);
    if results.iter().any(Option::is_none) {
        return Err(panicked());
    }
    results.into_iter().flatten().collect()
}

//! A perfect hash for string codes, built when the code is generated, so
//! `ErrorCode::from_code("23505")` is one hash, two table reads (the
//! bucket's displacement, then the slot, which holds the code's text, hash
//! bits and the code) and one comparison, with no allocation and nothing
//! built at run time.
//!
//! The scheme is "hash, then displace": every key's hash picks a bucket
//! and a home slot; each bucket gets a displacement, found here, that moves
//! all of its keys to free slots at once. The generated lookup recomputes
//! the hash from the same source file (`code_hash.rs`, [`HASH_FN`]), and
//! the generated crates' tests look up every code.

// `code_hash`, `code_fold`, `code_word` and `code_slot`: the one source of
// the hash, here and in the generated crates.
include!("code_hash.rs");

/// The hash functions the generated code computes, as Rust source: the
/// very file errcat compiles above.
pub const HASH_FN: &str = include_str!("code_hash.rs");

/// A key's hash for the table of `seed`.
pub fn hash(seed: u64, bytes: &[u8]) -> u64 {
    code_hash(seed, bytes)
}

/// A table for a set of keys: key `i` is found at the slot
/// `(hash as u32).wrapping_add(d.wrapping_mul(step)) & (slots.len() - 1)`,
/// where `d = displacements[(hash >> 32) as usize & (displacements.len() - 1)]`
/// and `step = ((hash >> 40) as u32) | 1`; `slots` holds `i` there and
/// [`EMPTY`] where no key is. Both lengths are powers of two, so both
/// indexes are a mask. The step is odd, so every displacement moves each
/// key of a bucket by its own amount, and some displacement below the
/// table's size reaches any slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub seed: u64,
    pub displacements: Vec<u32>,
    pub slots: Vec<u32>,
}

pub const EMPTY: u32 = u32::MAX;

#[cfg(test)]
impl Table {
    /// The index of the key `bytes` may be, for a lookup to confirm.
    pub fn slot_of(&self, bytes: &[u8]) -> u32 {
        let h = hash(self.seed, bytes);
        let bucket = (h >> 32) as usize & (self.displacements.len() - 1);
        let mask = self.slots.len() as u32 - 1;
        self.slots[(code_slot(h, self.displacements[bucket]) & mask) as usize]
    }
}

/// Build the table for distinct `keys`. `None` only if no seed of the many
/// tried works, at two sizes, which distinct keys do not cause in practice.
pub fn build(keys: &[&str]) -> Option<Table> {
    let n = keys.len();
    // At most three quarters full: in a fuller table the last buckets find
    // no free slots (1,000 codes in 1,024 slots failed with every seed).
    // Two at least, for both: a mask of zero reads as a mistake (clippy
    // says so).
    let size = (n + n / 3).max(2).next_power_of_two();
    let buckets = (n / 4).max(2).next_power_of_two();
    [size, size * 2].into_iter().find_map(|size| {
        (0..256u64).find_map(|attempt| {
            let seed = attempt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            try_seed(keys, seed, size, buckets)
        })
    })
}

fn try_seed(keys: &[&str], seed: u64, size: usize, buckets: usize) -> Option<Table> {
    let hashes: Vec<u64> = keys.iter().map(|k| hash(seed, k.as_bytes())).collect();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
    for (i, h) in hashes.iter().enumerate() {
        members[(h >> 32) as usize & (buckets - 1)].push(i);
    }
    // Fullest buckets first, while the table is still empty enough for
    // them; ties by bucket number, so the result never varies.
    let mut order: Vec<usize> = (0..buckets).collect();
    order.sort_by_key(|&b| (std::cmp::Reverse(members[b].len()), b));
    let mask = size as u32 - 1;
    let mut slots = vec![EMPTY; size];
    let mut displacements = vec![0u32; buckets];
    let mut taken: Vec<usize> = Vec::new();
    for b in order {
        if members[b].is_empty() {
            continue;
        }
        // An odd step times every value below `size` reaches every slot,
        // so a bucket of one key always finds a place; larger buckets get
        // more tries.
        let found = (0..(size as u32).saturating_mul(8)).find(|&d| {
            taken.clear();
            for &i in &members[b] {
                let at = (code_slot(hashes[i], d) & mask) as usize;
                if slots[at] != EMPTY || taken.contains(&at) {
                    return false;
                }
                taken.push(at);
            }
            true
        })?;
        displacements[b] = found;
        for &i in &members[b] {
            slots[(code_slot(hashes[i], found) & mask) as usize] = i as u32;
        }
    }
    Some(Table {
        seed,
        displacements,
        slots,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(keys: &[&str]) {
        let t = build(keys).expect("a table");
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(t.slot_of(k.as_bytes()), i as u32, "{k}");
        }
        // A key that is not in the set lands on some slot or none; the
        // lookup's comparison rejects it.
        let slot = t.slot_of(b"not-a-key");
        assert!(slot == EMPTY || keys[slot as usize] != "not-a-key");
    }

    #[test]
    fn every_key_has_its_own_slot() {
        check(&[]);
        check(&["only"]);
        check(&["23505", "23503", "42P01", "40001", "08006"]);
        let many: Vec<String> = (0..10_000).map(|i| format!("E{i:05}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        check(&refs);
        let similar: Vec<String> = (0..2_000).map(|i| format!("{i:0>5}")).collect();
        let refs: Vec<&str> = similar.iter().map(String::as_str).collect();
        check(&refs);
    }

    #[test]
    fn close_neighbours_and_many_sizes_fit() {
        // Keys that differ in one or two characters, at every size up to a
        // few hundred: each must get a table.
        for n in 1..300 {
            let keys: Vec<String> = (0..n).map(|i| format!("code-{}", 40 + i)).collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            check(&refs);
        }
        let sqlstate: Vec<String> = (0..262).map(|i| format!("{:02}{:03}", i % 43, i)).collect();
        let refs: Vec<&str> = sqlstate.iter().map(String::as_str).collect();
        check(&refs);
    }

    #[test]
    fn nearly_full_tables_get_more_room() {
        // Sets just under a power of two, which would fill their table.
        for n in [1_000usize, 2_040, 4_090] {
            let keys: Vec<String> = (0..n)
                .map(|i| match i % 3 {
                    0 => format!("card_declined_{i}"),
                    1 => format!("{i:0>5}"),
                    _ => format!("Upload{i}Exception"),
                })
                .collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            check(&refs);
            assert!(build(&refs).expect("a table").slots.len() >= 2 * n.next_power_of_two());
        }
    }

    #[test]
    fn the_same_keys_give_the_same_table() {
        let keys = ["card_declined", "expired_card", "rate_limit", "ab", "AB"];
        assert_eq!(build(&keys), build(&keys));
    }
}

//! A perfect hash for string codes, built when the code is generated, so
//! `ErrorCode::from_code("23505")` is one hash, two table reads (the
//! bucket's displacement, then the slot, which holds the code's text, hash
//! bits and the code) and one comparison, with no allocation and nothing
//! built at run time.
//!
//! The scheme is "hash, then displace": every key's hash picks a bucket
//! and a home slot; each bucket gets a displacement, found here, that moves
//! all of its keys to free slots at once. The generated lookup recomputes
//! the hash with the same function ([`HASH_FN`] is its source), so the two
//! must stay the same; the generated crates' tests look up every code.

/// The hash the generated code computes, as Rust source. It must compute
/// exactly what [`hash`] does.
pub const HASH_FN: &str = r#"
/// The hash of a code's bytes for the lookup table: the length, then the
/// bytes as little-endian words mixed in with multiplies, then a final mix
/// so every bit depends on every byte. Sixteen bytes at a time (two words,
/// one 128-bit multiply), the last pair read overlapping the one before; a
/// code of eight to sixteen bytes is its first and last eight, one of four
/// to seven its first and last four, one of one to three its first, middle
/// and last byte. With the length, each is every byte of the code.
#[inline]
fn code_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0x94d0_49bb_1331_11eb;
    let n = bytes.len();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ CODE_HASH_SEED ^ (n as u64);
    if n > 16 {
        let mut pairs = bytes.chunks_exact(16);
        for pair in &mut pairs {
            h = code_fold(h ^ code_word(&pair[..8]) ^ K, h ^ code_word(&pair[8..]) ^ K2);
        }
        if !pairs.remainder().is_empty() {
            let (a, b) = (code_word(&bytes[n - 16..n - 8]), code_word(&bytes[n - 8..]));
            h = code_fold(h ^ a ^ K, h ^ b ^ K2);
        }
    } else if n >= 8 {
        h = code_fold(h ^ code_word(&bytes[..8]) ^ K, h ^ code_word(&bytes[n - 8..]) ^ K2);
    } else if n >= 4 {
        let mut lo = [0u8; 4];
        let mut hi = [0u8; 4];
        lo.copy_from_slice(&bytes[..4]);
        hi.copy_from_slice(&bytes[n - 4..]);
        let w = u64::from(u32::from_le_bytes(lo)) | (u64::from(u32::from_le_bytes(hi)) << 32);
        h = (h ^ w).wrapping_mul(K);
        h ^= h >> 32;
    } else if n > 0 {
        let w = u64::from(bytes[0]) | (u64::from(bytes[n / 2]) << 8) | (u64::from(bytes[n - 1]) << 16);
        h = (h ^ w).wrapping_mul(K);
        h ^= h >> 32;
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// The two halves of the 128-bit product, folded into one word: sixteen
/// bytes mixed with one multiply.
#[inline]
fn code_fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

/// Eight bytes as a little-endian word.
#[inline]
fn code_word(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(bytes);
    u64::from_le_bytes(w)
}

/// Where a code with hash `h` lands for displacement `d`, before masking.
#[inline]
const fn code_slot(h: u64, d: u32) -> u32 {
    (h as u32).wrapping_add(d.wrapping_mul(((h >> 40) as u32) | 1))
}
"#;

/// What the generated `code_hash` computes: the same source, with the seed
/// a parameter. Sixteen bytes a multiply rather than FNV-1a's one, and a
/// short code's words read whole rather than byte by byte: the hash is most of a
/// lookup (docs/performance.md, "String codes").
pub fn hash(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0x94d0_49bb_1331_11eb;
    let n = bytes.len();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed ^ (n as u64);
    if n > 16 {
        let mut pairs = bytes.chunks_exact(16);
        for pair in &mut pairs {
            h = fold(h ^ word64(&pair[..8]) ^ K, h ^ word64(&pair[8..]) ^ K2);
        }
        if !pairs.remainder().is_empty() {
            let (a, b) = (word64(&bytes[n - 16..n - 8]), word64(&bytes[n - 8..]));
            h = fold(h ^ a ^ K, h ^ b ^ K2);
        }
    } else if n >= 8 {
        h = fold(
            h ^ word64(&bytes[..8]) ^ K,
            h ^ word64(&bytes[n - 8..]) ^ K2,
        );
    } else if n >= 4 {
        let mut lo = [0u8; 4];
        let mut hi = [0u8; 4];
        lo.copy_from_slice(&bytes[..4]);
        hi.copy_from_slice(&bytes[n - 4..]);
        let w = u64::from(u32::from_le_bytes(lo)) | (u64::from(u32::from_le_bytes(hi)) << 32);
        h = (h ^ w).wrapping_mul(K);
        h ^= h >> 32;
    } else if n > 0 {
        let w =
            u64::from(bytes[0]) | (u64::from(bytes[n / 2]) << 8) | (u64::from(bytes[n - 1]) << 16);
        h = (h ^ w).wrapping_mul(K);
        h ^= h >> 32;
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

fn word64(bytes: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(bytes);
    u64::from_le_bytes(w)
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
        self.slots[(slot(h, self.displacements[bucket]) & mask) as usize]
    }
}

/// Where a key with hash `h` lands for displacement `d`, before masking.
fn slot(h: u64, d: u32) -> u32 {
    (h as u32).wrapping_add(d.wrapping_mul(((h >> 40) as u32) | 1))
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
                let at = (slot(hashes[i], d) & mask) as usize;
                if slots[at] != EMPTY || taken.contains(&at) {
                    return false;
                }
                taken.push(at);
            }
            true
        })?;
        displacements[b] = found;
        for &i in &members[b] {
            slots[(slot(hashes[i], found) & mask) as usize] = i as u32;
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

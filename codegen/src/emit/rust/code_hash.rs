// The string-code hash: compiled into errcat (`phf.rs` includes this file
// to build the tables) and printed into every generated crate of string
// codes (`phf::HASH_FN`), so the table and its lookup hash the same way by
// construction. Items only, no `use`: both places take it as they are.
/// The hash of a code's bytes for the lookup table, with the table's seed:
/// the length, then the bytes as little-endian words mixed in with
/// multiplies, then a final mix so every bit depends on every byte. Sixteen bytes at a time (two words,
/// one 128-bit multiply), the last pair read overlapping the one before; a
/// code of eight to sixteen bytes is its first and last eight, one of four
/// to seven its first and last four, one of one to three its first, middle
/// and last byte. With the length, each is every byte of the code.
#[inline]
fn code_hash(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0x94d0_49bb_1331_11eb;
    let n = bytes.len();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed ^ (n as u64);
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

use ayrshare_errors::FromCode;

// A crate whose `ErrorCode` was generated from another catalog than the
// derive's table: the fingerprints differ, and the build fails here rather
// than at run time.
mod older {
    pub use ayrshare_errors::*;
    pub const CATALOG_FINGERPRINT: u64 = 1;
}

#[derive(FromCode, Debug)]
#[from_code(krate = "crate::older")]
enum Failure {
    #[code(435)]
    RateLimited,
    #[code(other)]
    Other,
}

fn main() {}

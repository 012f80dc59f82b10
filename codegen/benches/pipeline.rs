//! The whole pipeline in memory (load, validate, every emitter) on the
//! shipped catalog and on synthetic catalogs of 1,000 and 10,000 codes,
//! integer codes (`synth-1000`) and string codes in groups
//! (`synth-str-1000`), then each stage alone at 10,000 codes (and 1,000,
//! to see which grows faster than the catalog) so that a slow run can be
//! located.
//!
//! `cargo bench -p errcat --bench pipeline -- --warm-up-time 1 --measurement-time 3`
//!
//! With the system allocator instead of the binary's (mimalloc):
//! `cargo bench -p errcat --no-default-features --bench pipeline -- ...`
//!
//! Targets (docs/performance.md): 10,000 codes in under 1 s, and 10k/1k
//! within 12x, for either kind of code. The synthetic catalogs come from the `synth_catalog` example,
//! written into a temporary directory that is removed at the end.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use errcat::emit::{self, Layout};

// The allocator of the `errcat` binary, so that the figures are what the
// command costs. `--no-default-features` measures the system allocator,
// which a build script calling the library gets.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(dead_code)] // The example's `main` and helpers the bench does not call.
#[path = "../examples/synth_catalog.rs"]
mod synth;

/// A synthetic catalog of `n` codes in a fresh temporary directory.
struct Synth {
    dir: PathBuf,
}

impl Synth {
    fn new(n: usize, kind: synth::Kind) -> Synth {
        let dir =
            std::env::temp_dir().join(format!("errcat-bench-{}-{n}-{kind:?}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        synth::write_catalog(&dir, n, kind).expect("write the synthetic catalog");
        Synth { dir }
    }
}

impl Drop for Synth {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn shipped() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog")
}

/// What `errcat generate` does before writing: compile, then every emitter.
fn pipeline(dir: &Path) -> usize {
    let c = errcat::compile(dir).unwrap_or_else(|f| panic!("{}", f.render()));
    let out = emit::emit_all(&c, &Layout::default()).expect("emit");
    out.files.len()
}

fn full_pipeline(cr: &mut Criterion) {
    let mut g = cr.benchmark_group("pipeline");
    g.sample_size(10);
    g.bench_function("shipped", |b| b.iter(|| pipeline(black_box(&shipped()))));
    for (kind, label) in [(synth::Kind::Int, "synth"), (synth::Kind::Str, "synth-str")] {
        for n in [1_000, 10_000] {
            let s = Synth::new(n, kind);
            g.bench_function(format!("{label}-{n}"), |b| {
                b.iter(|| pipeline(black_box(&s.dir)))
            });
        }
    }
    g.finish();
}

/// Each stage alone on a catalog of `n` codes.
fn stages_at(cr: &mut Criterion, n: usize, kind: synth::Kind, label: &str) {
    let synth = Synth::new(n, kind);
    let loaded = || errcat::load::load(&synth.dir).expect("load");
    let catalog = errcat::compile(&synth.dir).unwrap_or_else(|f| panic!("{}", f.render()));

    let mut g = cr.benchmark_group(format!("{label}-{n}"));
    g.sample_size(10);
    g.bench_function("load", |b| b.iter(loaded));
    let l = loaded();
    g.bench_function("validate", |b| {
        b.iter(|| errcat::validate::validate(black_box(&l)).expect("valid"))
    });
    for t in emit::TARGETS {
        g.bench_function(format!("emit-{}", t.name), |b| {
            b.iter(|| (t.emit)(black_box(&catalog)).expect("emit"))
        });
    }
    g.finish();
}

/// The stages at 10,000 codes (where the targets are), and at 1,000 to
/// show which stage grows faster than the catalog; string codes at 10,000.
fn stages(cr: &mut Criterion) {
    stages_at(cr, 10_000, synth::Kind::Int, "stage");
    stages_at(cr, 1_000, synth::Kind::Int, "stage");
    stages_at(cr, 10_000, synth::Kind::Str, "stage-str");
}

criterion_group!(benches, full_pipeline, stages);
criterion_main!(benches);

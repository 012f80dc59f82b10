//! Runs one stage of the pipeline a given number of times, for counting
//! instructions with valgrind (`scripts/count-instructions.sh`):
//! `cargo run --release -p errcat --example stage -- DIR STAGE TIMES`.
//!
//! STAGE is `compile` (load and validate), one target by its name in
//! `errcat::emit::TARGETS` (`typescript`, `rust`, `book`, `schema`,
//! `derive`) or `all` (`emit_all`). The
//! catalog is compiled once before the runs, so the cost of one run of an
//! emitter is the difference between TIMES = 2 and TIMES = 1. Instruction
//! counts do not depend on what else the machine runs; times on this shared
//! machine vary by up to 1.8x.

use std::path::Path;
use std::process::ExitCode;

use errcat::emit::{self, Emitter, Layout};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, stage, times] = args.as_slice() else {
        eprintln!("usage: stage DIR STAGE TIMES");
        return ExitCode::from(2);
    };
    let Ok(times) = times.parse::<usize>() else {
        eprintln!("TIMES must be a number, not `{times}`");
        return ExitCode::from(2);
    };
    let dir = Path::new(dir);
    let catalog = match errcat::compile(dir) {
        Ok(c) => c,
        Err(failure) => {
            eprintln!("{}", failure.render());
            return ExitCode::FAILURE;
        }
    };
    let emitter: Option<Emitter> = emit::TARGETS
        .iter()
        .find(|t| t.name == stage)
        .map(|t| t.emit);
    if emitter.is_none() && stage != "compile" && stage != "all" {
        eprintln!("unknown stage `{stage}`");
        return ExitCode::from(2);
    }
    for _ in 0..times {
        let ok = match (stage.as_str(), emitter) {
            ("compile", _) => errcat::compile(dir).is_ok(),
            (_, Some(f)) => f(&catalog).is_ok(),
            _ => emit::emit_all(&catalog, &Layout::default()).is_ok(),
        };
        if !ok {
            eprintln!("stage `{stage}` failed");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn main() {
    if let Err(e) = errcat::build::Builder::new()
        .catalog("../fixtures/valid/minimal")
        .compile()
    {
        // A build script reports failure by exiting non-zero; the message
        // holds the catalog's diagnostics.
        eprintln!("{e}");
        std::process::exit(1);
    }
}

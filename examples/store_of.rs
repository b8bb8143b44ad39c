//! Make a store of many assessments to measure `list` and `vendors` on (docs/speed.md):
//! `cargo run --release --example store_of -- DIR READINESS VENDORS`.

#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

#[path = "../tests/benches/store_fixture.rs"]
mod store_fixture;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, readiness, vendors] = &args[..] else {
        eprintln!("usage: store_of DIR READINESS VENDORS");
        std::process::exit(2);
    };
    std::fs::create_dir_all(dir).unwrap();
    store_fixture::store_of(std::path::Path::new(dir), readiness.parse().unwrap(), vendors.parse().unwrap());
}

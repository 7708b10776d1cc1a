//! Packs the built-in datasets (data/*.csv) into their compact, exact
//! column-major form at compile time (see src/data/samples/pack.rs for why).

#[path = "src/data/samples/pack.rs"]
#[allow(dead_code)]
mod pack;

use std::path::Path;

const SAMPLES: [&str; 3] = ["sample-defects", "sample-breast-cancer", "sample-iris"];

fn main() -> Result<(), String> {
    println!("cargo::rerun-if-changed=src/data/samples/pack.rs");
    let out_dir = std::env::var("OUT_DIR").map_err(|e| format!("OUT_DIR: {e}"))?;
    for id in SAMPLES {
        let source = format!("data/{id}.csv");
        println!("cargo::rerun-if-changed={source}");
        let csv = std::fs::read_to_string(&source).map_err(|e| format!("{source}: {e}"))?;
        let target = Path::new(&out_dir).join(format!("{id}.pack"));
        std::fs::write(&target, pack::pack(&csv))
            .map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}

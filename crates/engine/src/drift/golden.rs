//! Golden values of the Drift lab's seeded results on a built-in sample,
//! computed the same way natively and in wasm (the engine's and the web
//! app's tests both compare them with `tests/fixtures/drift/golden.json`).

use super::batch_io::batch_files;
use super::ks::ks_2samp;
use super::simulate::{simulate, Shape, SimulateRequest};
use super::Scenario;
use crate::table::{read_csv, CsvOptions};

/// What is compared: an FNV-1a hash of the stream's CSV bytes, its length,
/// and the bits of a KS p-value between the first and last batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Golden {
    pub fnv64: u64,
    pub bytes: u64,
    pub ks_p_bits: u64,
}

impl Golden {
    /// Reads the fixture's `{"fnv64": "<hex>", "bytes": n, "ks_p_bits": "<hex>"}`.
    pub fn from_json(v: &serde_json::Value) -> Golden {
        let hex = |k: &str| {
            v[k].as_str()
                .and_then(|s| u64::from_str_radix(s, 16).ok())
                .unwrap_or(0)
        };
        Golden {
            fnv64: hex("fnv64"),
            bytes: v["bytes"].as_u64().unwrap_or(0),
            ks_p_bits: hex("ks_p_bits"),
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The values on sample-defects: a gradual data drift of `brightness`
/// (m = 1.3, 4 batches of 50 rows, seed 11).
pub fn values() -> Golden {
    let csv = crate::data::samples::csv("sample-defects").unwrap_or_default();
    let Ok(table) = read_csv(
        csv.as_bytes(),
        &CsvOptions {
            name: "sample-defects".into(),
            delimiter: None,
        },
    ) else {
        return Golden {
            fnv64: 0,
            bytes: 0,
            ks_p_bits: 0,
        };
    };
    let request = SimulateRequest {
        scenario: Scenario::Data,
        shape: Shape::Gradual,
        batches: 4,
        seed: 11,
        batch_rows: Some(50),
        magnitude: Some(1.3),
        feature: Some("brightness".into()),
        target: None,
        change_at: Some(2),
        period: None,
    };
    let Ok((_, batches)) = simulate(&table, &request) else {
        return Golden {
            fnv64: 1,
            bytes: 0,
            ks_p_bits: 0,
        };
    };
    let files = batch_files(csv.as_bytes(), &table, &batches).unwrap_or_default();
    let all: Vec<u8> = files.concat();
    let col = |k: usize| -> Vec<f64> {
        let t = super::batch_io::batch_table(&table, &batches[k], String::new());
        let c = t.column("brightness").ok().cloned();
        let mut v: Vec<f64> = c
            .map(|c| (0..t.n_rows).filter_map(|r| c.number(r)).collect())
            .unwrap_or_default();
        crate::basics::sort::sort_f64(&mut v);
        v
    };
    let p = ks_2samp(&col(0), &col(3)).map_or(f64::NAN, |r| r.p_value);
    Golden {
        fnv64: fnv1a(&all),
        bytes: all.len() as u64,
        ks_p_bits: p.to_bits(),
    }
}

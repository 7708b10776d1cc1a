//! `mlops serve` as a real HTTP service: predictions equal `mlops predict`'s
//! for the same rows, `/health`, `/metrics`, and bad requests (not JSON, a
//! missing feature, an unknown path, a wrong method, an oversized body)
//! answered with a 4xx JSON error while the server keeps serving.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{breast_cancer, path_str, run, train_breast_cancer_model};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(model: &str, extra: &[&str]) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("mlops"))
        .args(["serve", model, "--port", "0"])
        .args(extra)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on http://127.0.0.1:"), "{line}");
    let port = line.trim().rsplit(':').next().unwrap().parse().unwrap();
    Server { child, port }
}

/// Sends one HTTP/1.1 request; returns the status and the JSON body.
fn http(port: u16, method: &str, path: &str, body: &[u8]) -> (u16, Value) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let head = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    let status = out.split(' ').nth(1).unwrap().parse().unwrap();
    let json = out.split("\r\n\r\n").nth(1).unwrap_or("");
    (status, serde_json::from_str(json).unwrap_or(Value::Null))
}

fn breast() -> String {
    breast_cancer()
}

#[test]
fn predictions_equal_mlops_predict_and_bad_requests_are_4xx() {
    let dir = tempfile::tempdir().unwrap();
    let model = train_breast_cancer_model(&dir.path().join("m.json"), "logistic", "1");
    // The first five rows, as JSON objects (numbers as numbers).
    let mut reader = csv::Reader::from_path(breast()).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<Value> = reader
        .records()
        .take(5)
        .map(|r| {
            let r = r.unwrap();
            let map: serde_json::Map<String, Value> = headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| {
                    (
                        h.to_string(),
                        v.parse::<f64>()
                            .map_or(Value::String(v.into()), |x| serde_json::json!(x)),
                    )
                })
                .collect();
            Value::Object(map)
        })
        .collect();
    let five = dir.path().join("five.csv");
    let text = std::fs::read_to_string(breast()).unwrap();
    std::fs::write(
        &five,
        text.lines().take(6).collect::<Vec<_>>().join("\n") + "\n",
    )
    .unwrap();
    let predicted = run(&["predict", &model, &path_str(&five)]).stdout;
    let want: Vec<(String, f64)> = predicted
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.rsplitn(3, ',').collect();
            (f[1].to_string(), f[0].parse().unwrap())
        })
        .collect();

    let s = serve(&model, &["--max-body", "20000"]);
    assert_eq!(
        http(s.port, "GET", "/health", b""),
        (200, serde_json::json!({"status": "ok"}))
    );
    let (code, body) = http(
        s.port,
        "POST",
        "/predict",
        serde_json::json!({"rows": rows}).to_string().as_bytes(),
    );
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["model"], "logistic");
    let got: Vec<(String, f64)> = body["predictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["prediction"].as_str().unwrap().to_string(),
                p["score"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want, "the same numbers as mlops predict");
    // One row object alone.
    let (code, body) = http(s.port, "POST", "/predict", rows[0].to_string().as_bytes());
    assert_eq!(
        (code, body["predictions"].as_array().unwrap().len()),
        (200, 1)
    );

    let (code, body) = http(s.port, "POST", "/predict", b"{not json");
    assert_eq!(code, 400);
    assert!(body["error"].as_str().unwrap().contains("not JSON"));
    let mut missing = rows[0].clone();
    missing.as_object_mut().unwrap().remove("worst area");
    let (code, body) = http(s.port, "POST", "/predict", missing.to_string().as_bytes());
    assert_eq!(code, 400);
    assert!(
        body["error"].as_str().unwrap().contains("\"worst area\""),
        "{body}"
    );
    assert_eq!(http(s.port, "GET", "/nowhere", b"").0, 404);
    assert_eq!(http(s.port, "GET", "/predict", b"").0, 405);
    assert_eq!(http(s.port, "DELETE", "/health", b"").0, 405);
    let big = format!(
        "{{\"rows\": [{}]}}",
        vec![rows[0].to_string(); 40].join(",")
    );
    let (code, body) = http(s.port, "POST", "/predict", big.as_bytes());
    assert_eq!(code, 413);
    assert!(body["error"].as_str().unwrap().contains("20000"));

    // Still serving, and counting.
    let (code, m) = http(s.port, "GET", "/metrics", b"");
    assert_eq!(code, 200);
    assert_eq!(m["rows"], 6);
    assert_eq!(m["requests"], 6);
    assert_eq!(m["errors"], 4);
    assert!(m["latency_ms"]["p99"].as_f64().unwrap() >= m["latency_ms"]["p50"].as_f64().unwrap());
    let share = m["predicted_positive_share"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&share));
}

#[test]
fn a_bad_model_file_is_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{}").unwrap();
    let r = run(&["serve", &path_str(&bad), "--port", "0"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("bad.json"));
}

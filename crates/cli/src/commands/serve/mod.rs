//! `mlops serve MODEL [--port P] [--host H] [--max-body BYTES]`: the model
//! as a real HTTP prediction service (spec): `POST /predict`, `GET
//! /health`, `GET /metrics`. One thread answers requests in turn
//! (tiny_http); a bad request is answered with a 4xx JSON error and never
//! stops the server.

mod rows;
mod stats;

use crate::failure::Failure;
use mlops_engine::model::FittedModel;
use serde_json::{json, Value};
use stats::Stats;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Instant;

/// The largest request body read by default: 10 MiB.
pub const DEFAULT_MAX_BODY: u64 = 10 * 1024 * 1024;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The model (mlops-model/1 JSON, from `train --model-out`).
    model: PathBuf,
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 8000)]
    port: u16,
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Bodies over this many bytes are refused with 413.
    #[arg(long, default_value_t = DEFAULT_MAX_BODY)]
    max_body: u64,
}

type Answer = (u16, Value);

fn error(code: u16, message: impl Into<String>) -> Answer {
    (code, json!({ "error": message.into() }))
}

pub fn run(args: Args) -> Result<String, Failure> {
    let model = super::read_model(&args.model)?;
    let server = tiny_http::Server::http((args.host.as_str(), args.port)).map_err(|e| {
        Failure::input(format!("cannot listen on {}:{}: {e}", args.host, args.port))
    })?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let mut stderr = std::io::stderr();
    let _ = writeln!(stderr, "listening on http://{}:{port}", args.host);
    let _ = stderr.flush();
    let mut stats = Stats::default();
    for mut request in server.incoming_requests() {
        let started = Instant::now();
        let (code, body, rows, positives) = answer(&mut request, &model, &stats, args.max_body);
        if request.url() == "/predict" {
            stats.record(
                code < 400,
                rows,
                positives,
                started.elapsed().as_secs_f64() * 1000.0,
            );
        }
        let header =
            tiny_http::Header::from_bytes(&b"Content-Type"[..], &b"application/json"[..]).ok();
        let mut response =
            tiny_http::Response::from_string(body.to_string()).with_status_code(code);
        if let Some(h) = header {
            response = response.with_header(h);
        }
        // A client that went away is not the server's problem.
        let _ = request.respond(response);
    }
    Ok(String::new())
}

/// The status, JSON body, rows predicted and positive predictions.
fn answer(
    request: &mut tiny_http::Request,
    model: &FittedModel,
    stats: &Stats,
    max_body: u64,
) -> (u16, Value, u64, u64) {
    let method = request.method().clone();
    let (code, body) = match (request.url(), &method) {
        ("/health", tiny_http::Method::Get) => (200, json!({"status": "ok"})),
        ("/metrics", tiny_http::Method::Get) => (200, stats.to_json()),
        ("/predict", tiny_http::Method::Post) => match read_body(request, max_body) {
            Err(a) => a,
            Ok(bytes) => match rows::predict(model, &bytes) {
                Ok((value, rows, positives)) => return (200, value, rows, positives),
                Err(message) => error(400, message),
            },
        },
        ("/health" | "/metrics", _) => error(405, format!("{method} is not allowed here: use GET")),
        ("/predict", _) => error(405, format!("{method} is not allowed here: use POST")),
        (path, _) => error(
            404,
            format!("no such path: {path} (try POST /predict, GET /health, GET /metrics)"),
        ),
    };
    (code, body, 0, 0)
}

fn read_body(request: &mut tiny_http::Request, max_body: u64) -> Result<Vec<u8>, Answer> {
    let too_big = || {
        error(
            413,
            format!("the body is over the limit of {max_body} bytes"),
        )
    };
    if request.body_length().is_some_and(|n| n as u64 > max_body) {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    request
        .as_reader()
        .take(max_body + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| error(400, format!("could not read the body: {e}")))?;
    if bytes.len() as u64 > max_body {
        return Err(too_big());
    }
    Ok(bytes)
}

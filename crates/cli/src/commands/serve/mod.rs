//! `mlops serve MODEL [--port P] [--host H] [--max-body BYTES]`: the model
//! as a real HTTP prediction service (spec): `POST /predict`, `GET
//! /health`, `GET /metrics`. One thread answers requests in turn
//! (tiny_http), each through the engine's one dispatch
//! (`rollout::Request::Serve`, what the Deploy lab's panel asks too); a bad
//! request is answered with a 4xx JSON error and never stops the server.

use crate::failure::Failure;
use mlops_engine::model;
use mlops_engine::rollout::{self, HttpRequest};
use mlops_engine::Session;
use std::io::{Read, Write};
use std::path::PathBuf;

pub use mlops_engine::rollout::service::DEFAULT_MAX_BODY;

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

/// Milliseconds since the epoch: the service's latency clock.
fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

pub fn run(args: Args) -> Result<String, Failure> {
    // Read and checked before listening: a bad model file is exit 1.
    super::read_model(&args.model)?;
    let bytes = super::read_file(&args.model)?;
    let mut session = Session::new();
    session.clock = Some(now_ms);
    let name = args.model.display().to_string();
    let model::Response::Imported { id, .. } =
        session.ask(model::Request::ImportModel { name }, Some(&bytes))?
    else {
        return Err(Failure::input("unexpected engine answer to a model import"));
    };
    let server = tiny_http::Server::http((args.host.as_str(), args.port)).map_err(|e| {
        Failure::input(format!("cannot listen on {}:{}: {e}", args.host, args.port))
    })?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let mut stderr = std::io::stderr();
    let _ = writeln!(stderr, "listening on http://{}:{port}", args.host);
    let _ = stderr.flush();
    for mut request in server.incoming_requests() {
        let declared = request.body_length().map(|n| n as u64);
        let mut http = HttpRequest {
            model: id,
            method: request.method().to_string(),
            path: request.url().to_string(),
            max_body: args.max_body,
            declared_length: declared,
            read_error: None,
        };
        // A body over the limit is not read: the engine answers 413.
        let mut body = Vec::new();
        if http.method == "POST" && declared.is_none_or(|n| n <= args.max_body) {
            if let Err(e) = request
                .as_reader()
                .take(args.max_body + 1)
                .read_to_end(&mut body)
            {
                http.read_error = Some(e.to_string());
            }
        }
        let (status, text) = match session.ask(rollout::Request::Serve(http), Some(&body)) {
            Ok(rollout::Response::Served(r)) => (r.status, r.body),
            Ok(_) => (500, "{\"error\":\"unexpected engine answer\"}".to_string()),
            Err(e) => (
                500,
                serde_json::json!({ "error": e.to_string() }).to_string(),
            ),
        };
        let header =
            tiny_http::Header::from_bytes(&b"Content-Type"[..], &b"application/json"[..]).ok();
        let mut response = tiny_http::Response::from_string(text).with_status_code(status);
        if let Some(h) = header {
            response = response.with_header(h);
        }
        // A client that went away is not the server's problem.
        let _ = request.respond(response);
    }
    Ok(String::new())
}

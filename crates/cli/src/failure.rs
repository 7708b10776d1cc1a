//! What a command fails with: the message (printed after `error:`) and the
//! exit status (1 unusable input, 2 bad usage).

use mlops_engine::api::Response;

/// A failure: the message (without `error:`) and the exit status.
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub code: u8,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }

    /// An error response becomes a failure; any other answer than the one
    /// expected is an input error.
    pub fn unexpected(r: Response) -> Self {
        match r {
            Response::Error(e) => e.into(),
            other => Failure::input(format!("unexpected engine answer: {other:?}")),
        }
    }
}

impl From<mlops_engine::EngineError> for Failure {
    fn from(e: mlops_engine::EngineError) -> Self {
        Failure {
            code: if e.is_usage() { 2 } else { 1 },
            // A setting is named by its flag: `max increase` → `--max-increase`.
            message: e.naming_setting(|s| format!("--{}", s.replace(' ', "-"))),
        }
    }
}

//! The bytes of a page ↔ worker message: the engine's serde types
//! (`mlops_engine::api::{Envelope, WorkerMessage}`) in postcard's compact
//! binary form.
//!
//! Why not JSON: JSON needs a text parser and printer for numbers and field
//! names in both wasm binaries; postcard needs neither, so both downloads are
//! smaller and messages are faster to read. The CLI still prints JSON: the
//! types are the same, only the wire differs.

use serde::{de::DeserializeOwned, Serialize};

/// Encodes a message.
pub fn encode<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    postcard::to_allocvec(value).map_err(|e| format!("could not encode a message: {e}"))
}

/// Decodes a message.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("could not decode a message: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mlops_engine::api::{Envelope, Request, Response, WorkerMessage};
    use mlops_engine::Session;

    #[test]
    fn requests_and_real_replies_round_trip() {
        let e = Envelope {
            id: 7,
            request: Request::Data(mlops_engine::data::Request::LoadSample {
                id: "sample-defects".into(),
            }),
        };
        let back: Envelope = decode(&encode(&e).unwrap()).unwrap();
        assert_eq!(back, e);
        // A real reply with every kind of field (options, maps, nested enums).
        let mut s = Session::new();
        let loaded = s.handle(e.request.clone(), None);
        let split = s.handle(
            Request::Split(mlops_engine::split::Request::Split(
                mlops_engine::split::SplitRequest {
                    target: "defect".into(),
                    strategy: mlops_engine::split::Strategy::Stratified,
                    ratios: vec![60, 20, 20],
                    seed: 1,
                    by: None,
                },
            )),
            None,
        );
        // Every model kind's training answer (preprocessing, estimators) and
        // a metrics report with curves: postcard reads no self-describing
        // serde forms, so each must round trip.
        let mut trained = Vec::new();
        for model in mlops_engine::model::fitted::ModelKind::CLASSIFIERS {
            trained.push(s.handle(
                Request::Model(mlops_engine::model::Request::Train(
                    mlops_engine::model::TrainRequest {
                        model,
                        params: Default::default(),
                        features: None,
                        split: mlops_engine::split::SplitRequest {
                            target: "defect".into(),
                            strategy: mlops_engine::split::Strategy::Stratified,
                            ratios: vec![60, 20, 20],
                            seed: 1,
                            by: None,
                        },
                    },
                )),
                None,
            ));
        }
        assert!(
            trained.iter().all(|t| matches!(t, Response::Model(_))),
            "{trained:?}"
        );
        let metrics = s.handle(
            Request::Model(mlops_engine::model::Request::Evaluate {
                id: 2,
                split: "test".into(),
                threshold: Some(0.3),
                intervals: Some(1),
            }),
            None,
        );
        assert!(matches!(metrics, Response::Model(_)), "{metrics:?}");
        // The Drift lab's stream watched with a model (columns without
        // distributions) and the Deploy lab's run with models.
        use mlops_engine::drift;
        let mut drift_answers: Vec<Response> = [
            drift::Request::UseWorking {
                side: drift::Side::Reference,
                model: None,
                split: None,
            },
            drift::Request::Simulate {
                request: drift::SimulateRequest {
                    scenario: drift::Scenario::Concept,
                    shape: drift::Shape::Sudden,
                    batches: 4,
                    seed: 0,
                    batch_rows: None,
                    magnitude: None,
                    feature: Some("brightness".into()),
                    target: Some("defect".into()),
                    change_at: None,
                    period: None,
                },
                files: false,
            },
            drift::Request::WhatChanged {
                feature: "brightness".into(),
                target: Some("defect".into()),
            },
            drift::Request::Monitor {
                request: drift::MonitorRequest {
                    drift: Default::default(),
                    target: Some("defect".into()),
                    change_at: None,
                },
                model: Some(2),
            },
        ]
        .into_iter()
        .map(|r| s.handle(r.into(), None))
        .collect();
        drift_answers.push(
            s.handle(
                mlops_engine::rollout::Request::Run {
                    request: Default::default(),
                    baseline_model: Some(1),
                    candidate_model: Some(2),
                }
                .into(),
                None,
            ),
        );
        assert!(
            drift_answers
                .iter()
                .all(|r| matches!(r, Response::Drift(_) | Response::Rollout(_))),
            "{drift_answers:?}"
        );
        for response in trained.into_iter().chain(drift_answers).chain([
            metrics,
            loaded,
            split,
            Response::Error(mlops_engine::EngineError::bad_request("x")),
        ]) {
            let m = WorkerMessage::Reply {
                id: 7,
                response: Box::new(response),
            };
            let back: WorkerMessage = decode(&encode(&m).unwrap()).unwrap();
            assert_eq!(back, m);
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode::<WorkerMessage>(&[0xFF, 0xFF, 0xFF]).is_err());
        assert!(decode::<Envelope>(&[]).is_err());
    }
}

//! The Drift lab's door, as the page will use it: the working dataset's
//! test split (from a model trained in the session) as the reference, a
//! simulated stream kept in the session, one batch as the current dataset,
//! the comparison, the monitoring timeline with the kept model, and the
//! sample-size dial; and the named errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::api::{Request, Response};
use mlops_engine::drift::{self, MonitorRequest, Scenario, Shape, Side, SimulateRequest};
use mlops_engine::model::{self, ModelKind, TrainRequest};
use mlops_engine::split::{SplitRequest, Strategy};
use mlops_engine::Session;
use mlops_engine::{data, drift::DriftRequest};
use std::collections::BTreeMap;

fn ask(s: &mut Session, r: drift::Request) -> drift::Response {
    s.ask(r, None).unwrap()
}

#[test]
fn use_split_compares_the_split_labs_train_rows_with_its_test_rows() {
    let mut s = Session::new();
    s.ask(
        data::Request::LoadSample {
            id: "sample-defects".into(),
        },
        None,
    )
    .unwrap();
    let split = SplitRequest {
        target: "defect".into(),
        strategy: Strategy::Stratified,
        ratios: vec![60, 20, 20],
        seed: 0,
        by: None,
    };
    let outcome = mlops_engine::split::split_table(s.datasets.working().unwrap(), &split).unwrap();
    let sizes: Vec<u64> = outcome.report.splits.iter().map(|x| x.rows).collect();
    match ask(&mut s, drift::Request::UseSplit(split)) {
        drift::Response::Loaded { side, rows, .. } => {
            assert_eq!((side, rows), (Side::Current, sizes[2]))
        }
        other => panic!("{other:?}"),
    }
    match ask(&mut s, drift::Request::Compare(DriftRequest::default())) {
        drift::Response::Compared(r) => {
            assert_eq!((r.reference_rows, r.current_rows), (sizes[0], sizes[2]));
            assert!(!r.columns.is_empty());
        }
        other => panic!("{other:?}"),
    }
    // Without a working dataset, the error names the role.
    let e = Session::new()
        .ask(drift::Request::Compare(DriftRequest::default()), None)
        .unwrap_err();
    assert_eq!(e.to_string(), "no reference dataset is loaded");
}

#[test]
fn the_lab_runs_on_the_model_labs_split_and_model() {
    let mut s = Session::new();
    s.handle(
        Request::Data(data::Request::LoadSample {
            id: "sample-breast-cancer".into(),
        }),
        None,
    );
    let train = TrainRequest {
        model: ModelKind::Logistic,
        params: BTreeMap::new(),
        features: None,
        split: SplitRequest {
            target: "diagnosis".into(),
            strategy: Strategy::Stratified,
            ratios: vec![60, 20, 20],
            seed: 0,
            by: None,
        },
    };
    let id = match s.handle(Request::Model(model::Request::Train(train)), None) {
        Response::Model(model::Response::Trained(t)) => t.id,
        other => panic!("{other:?}"),
    };
    match ask(
        &mut s,
        drift::Request::UseWorking {
            side: Side::Reference,
            model: Some(id),
            split: Some("test".into()),
        },
    ) {
        drift::Response::Loaded { rows, .. } => assert_eq!(rows, 114),
        other => panic!("{other:?}"),
    }
    let sim = SimulateRequest {
        scenario: Scenario::Concept,
        shape: Shape::Sudden,
        batches: 6,
        seed: 1,
        batch_rows: Some(200),
        magnitude: Some(1.5),
        feature: Some("worst radius".into()),
        target: Some("diagnosis".into()),
        change_at: Some(4),
        period: None,
    };
    assert!(matches!(
        ask(
            &mut s,
            drift::Request::Simulate {
                request: sim,
                files: false
            }
        ),
        drift::Response::Simulated { .. }
    ));
    assert_eq!(s.stream.batches.len(), 6);
    ask(&mut s, drift::Request::UseBatch { index: 5 });
    match ask(&mut s, drift::Request::Compare(DriftRequest::default())) {
        drift::Response::Compared(r) => assert_eq!(r.current_rows, 200),
        other => panic!("{other:?}"),
    }
    let timeline = match ask(
        &mut s,
        drift::Request::Monitor {
            request: MonitorRequest {
                change_at: Some(4),
                ..MonitorRequest::default()
            },
            model: Some(id),
        },
    ) {
        drift::Response::Monitored(m) => m,
        other => panic!("{other:?}"),
    };
    let acc = |b: usize, which: &str| {
        let p = if which == "realized" {
            &timeline.batches[b].realized
        } else {
            &timeline.batches[b].estimated
        };
        p.as_ref().and_then(|p| p.accuracy).unwrap()
    };
    assert!(acc(0, "realized") > 0.9 && acc(5, "realized") < 0.8);
    assert!(acc(5, "estimated") > 0.9);
    // The monitor's cached sorted reference gives what a fresh comparison gives.
    for k in [0u32, 5] {
        ask(&mut s, drift::Request::UseBatch { index: k });
        let request = DriftRequest {
            columns: Some(timeline.inputs.clone()),
            ..DriftRequest::default()
        };
        match ask(&mut s, drift::Request::Compare(request)) {
            drift::Response::Compared(r) => {
                assert_eq!(r.columns, timeline.batches[k as usize].columns)
            }
            other => panic!("{other:?}"),
        }
    }
    match ask(
        &mut s,
        drift::Request::SampleSizes {
            column: "mean radius".into(),
            shift: 0.1,
            sizes: vec![100, 100_000],
            seed: 3,
        },
    ) {
        drift::Response::Dial(d) => assert!(d[1].ks_p_value.unwrap() < d[0].ks_p_value.unwrap()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_are_named_not_panics() {
    let mut s = Session::new();
    let err = |r: Response| match r {
        Response::Error(e) => e.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(err(s.handle(
        Request::Drift(drift::Request::Compare(DriftRequest::default())),
        None
    ))
    .contains("reference"));
    assert!(
        err(s.handle(Request::Drift(drift::Request::UseBatch { index: 0 }), None))
            .contains("no batch 1")
    );
    s.handle(
        Request::Data(data::Request::LoadSample {
            id: "sample-defects".into(),
        }),
        None,
    );
    assert!(err(s.handle(
        Request::Drift(drift::Request::UseWorking {
            side: Side::Reference,
            model: Some(9),
            split: Some("test".into())
        }),
        None
    ))
    .contains('9'));
}

//! The Model lab's experiments on the built-in samples: sweep, learning
//! curve, data-centric retraining and slices, through the session's door.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use mlops_engine::api::{Request, Response};
use mlops_engine::data;
use mlops_engine::model::experiments::Score;
use mlops_engine::model::{self, fitted::ModelKind, train, TrainRequest};
use mlops_engine::split::{SplitRequest, Strategy};
use mlops_engine::Session;

fn session(sample: &str) -> Session {
    let mut s = Session::new();
    let r = s.handle(
        Request::Data(data::Request::LoadSample { id: sample.into() }),
        None,
    );
    assert!(matches!(r, Response::Data(_)), "{r:?}");
    s
}

fn base(target: &str, model: ModelKind) -> TrainRequest {
    TrainRequest {
        model,
        params: Default::default(),
        features: None,
        split: SplitRequest {
            target: target.into(),
            strategy: Strategy::Stratified,
            ratios: vec![60, 20, 20],
            seed: 0,
            by: None,
        },
    }
}

fn ask(s: &mut Session, r: model::Request) -> model::Response {
    match s.handle(Request::Model(r), None) {
        Response::Model(m) => m,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_sweep_trains_once_per_value_and_its_default_equals_train() {
    let mut s = session("sample-breast-cancer");
    let values = vec![0.01, 0.1, 1.0, 10.0];
    let model::Response::Sweep { points, .. } = ask(
        &mut s,
        model::Request::Sweep {
            base: base("diagnosis", ModelKind::Logistic),
            param: "C".into(),
            values: values.clone(),
        },
    ) else {
        panic!()
    };
    assert_eq!(points.iter().map(|p| p.x).collect::<Vec<_>>(), values);
    let trained = train(
        s.datasets.working().unwrap(),
        &base("diagnosis", ModelKind::Logistic),
    )
    .unwrap();
    let dev = trained.splits.iter().find(|x| x.name == "dev").unwrap();
    assert_eq!(points[2].dev, Score::of(&dev.metrics));
    assert!(points
        .iter()
        .all(|p| p.error.is_none() && p.train.accuracy.is_some()));
    let r = s.handle(
        Request::Model(model::Request::Sweep {
            base: base("diagnosis", ModelKind::Logistic),
            param: "max_depth".into(),
            values,
        }),
        None,
    );
    assert!(matches!(r, Response::Error(ref e) if e.is_usage()), "{r:?}");
}

#[test]
fn a_learning_curve_grows_nested_subsets_to_the_whole_train_split() {
    let mut s = session("sample-breast-cancer");
    let model::Response::LearningCurve { points } = ask(
        &mut s,
        model::Request::LearningCurve {
            base: base("diagnosis", ModelKind::Tree),
            seed: 3,
        },
    ) else {
        panic!()
    };
    assert_eq!(points.len(), 10);
    assert!(points.windows(2).all(|w| w[0].train_rows < w[1].train_rows));
    assert_eq!(points[9].train_rows, 341);
    let again = ask(
        &mut s,
        model::Request::LearningCurve {
            base: base("diagnosis", ModelKind::Tree),
            seed: 3,
        },
    );
    assert_eq!(again, model::Response::LearningCurve { points });
}

#[test]
fn data_centric_relabels_or_drops_the_disagreeing_train_rows() {
    let mut s = session("sample-defects");
    let model::Response::DataCentric(d) = ask(
        &mut s,
        model::Request::DataCentric {
            base: base("defect", ModelKind::Logistic),
            annotator: "annotator_b".into(),
        },
    ) else {
        panic!()
    };
    assert!(d.disagreeing > 0, "{d:?}");
    assert_eq!(d.left_out.train_rows, d.as_is.train_rows - d.disagreeing);
    assert_eq!(d.relabelled.train_rows, d.as_is.train_rows);
    let trained = train(
        s.datasets.working().unwrap(),
        &base("defect", ModelKind::Logistic),
    )
    .unwrap();
    let test = trained.splits.iter().find(|x| x.name == "test").unwrap();
    assert_eq!(d.as_is.test, Score::of(&test.metrics));
}

#[test]
fn slices_add_up_to_the_split() {
    let mut s = session("sample-iris");
    let model::Response::Trained(t) = ask(
        &mut s,
        model::Request::Train(base("species", ModelKind::NaiveBayes)),
    ) else {
        panic!()
    };
    let model::Response::Slices { slices, .. } = ask(
        &mut s,
        model::Request::Slices {
            id: t.id,
            split: "test".into(),
            column: "species".into(),
            annotator: None,
            hlp: Some(0.0),
        },
    ) else {
        panic!()
    };
    let test = t.splits.iter().find(|x| x.name == "test").unwrap();
    assert_eq!(
        slices.iter().map(|x| x.rows).sum::<u64>(),
        test.metrics.rows
    );
    assert!((slices.iter().map(|x| x.share_of_data).sum::<f64>() - 1.0).abs() < 1e-12);
    assert!(slices.windows(2).all(|w| w[0].errors >= w[1].errors));
    let r = s.handle(
        Request::Model(model::Request::Slices {
            id: 99,
            split: "test".into(),
            column: "species".into(),
            annotator: None,
            hlp: None,
        }),
        None,
    );
    assert!(matches!(r, Response::Error(_)));
}

//! The app's shared state: signals owned by the shell, read by every lab.
//!
//! Domain values (summaries, profiles, reports) are plain engine types inside
//! signals; no signal lives inside a domain type. Replies from the worker are
//! the only writers of engine results.

use crate::lab::Lab;
use crate::url_state::{LabSettings, UrlState};
use leptos::prelude::*;
use mlops_engine::data::DatasetSummary;
use mlops_engine::table::ProfileReport;

/// Signals shared by the shell and the labs (cheap to copy).
#[derive(Clone, Copy)]
pub struct AppState {
    pub lab: RwSignal<Lab>,
    /// The working dataset, once the worker has loaded it.
    pub dataset: RwSignal<Option<DatasetSummary>>,
    /// The working dataset's profile: it comes with every load (the shell's
    /// action), and the Data lab shows it.
    pub profile: RwSignal<Option<ProfileReport>>,
    /// The target (label) column chosen in the Data lab; carried to every lab.
    pub target: RwSignal<Option<String>>,
    /// Progress 0..1 while the worker is busy.
    pub busy: RwSignal<Option<f64>>,
    /// The user-facing error, if any (shown in `error-banner`).
    pub error: RwSignal<Option<String>>,
    /// Notices: what checking the opened link changed (see `link_check`),
    /// a file that could not be kept for the next visit.
    pub notices: RwSignal<Vec<String>>,
    /// Lab settings that live in the URL (`ratios`, `seed`, ...).
    pub url: RwSignal<UrlState>,
    /// The model trained in the Model lab (and its majority baseline), on
    /// the working dataset of that generation: the Drift and Deploy labs
    /// use it too.
    pub trained: RwSignal<Option<TrainedRun>>,
}

/// A training run of the Model lab.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainedRun {
    /// The working dataset's generation it was trained on.
    pub generation: u64,
    pub trained: mlops_engine::model::TrainedSummary,
    /// The majority baseline on the same split.
    pub baseline: Option<mlops_engine::model::TrainedSummary>,
}

impl AppState {
    pub fn new(initial: UrlState) -> Self {
        AppState {
            lab: RwSignal::new(initial.lab),
            dataset: RwSignal::new(None),
            profile: RwSignal::new(None),
            target: RwSignal::new(initial.target.clone()),
            busy: RwSignal::new(None),
            error: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            url: RwSignal::new(initial),
            trained: RwSignal::new(None),
        }
    }

    /// The state shared by every component (provided by the shell).
    pub fn get() -> AppState {
        use_context::<AppState>().unwrap_or_else(|| AppState::new(UrlState::default()))
    }

    /// The working dataset's generation (new on every load): what labs key
    /// their requests on.
    pub fn dataset_generation(&self) -> Option<u64> {
        self.dataset.with(|d| d.as_ref().map(|d| d.generation))
    }

    /// The training run on the current working dataset, if any.
    pub fn current_run(&self) -> Option<TrainedRun> {
        let generation = self.dataset_generation()?;
        self.trained.get().filter(|r| r.generation == generation)
    }

    /// The working dataset's column names (empty before one is loaded).
    pub fn column_names(&self) -> Vec<String> {
        self.dataset
            .with(|d| {
                d.as_ref()
                    .map(|d| d.columns.iter().map(|c| c.name.clone()).collect())
            })
            .unwrap_or_default()
    }

    /// The working dataset's label-like columns (raters, targets).
    pub fn label_columns(&self) -> Vec<String> {
        self.dataset
            .with(|d| d.as_ref().map(|d| d.label_columns.clone()))
            .unwrap_or_default()
    }

    /// A lab's settings, as the URL holds them (tracked: a view reading
    /// them follows the URL).
    pub fn settings<S: LabSettings>(&self) -> S {
        self.url.with(S::from_url)
    }

    /// What is on screen as URL state: the URL's settings with the current
    /// lab and target (tracked). The address bar and the share links are
    /// this.
    pub fn shown_url(&self) -> UrlState {
        let (lab, target) = (self.lab.get(), self.target.get());
        let mut u = self.url.get();
        u.lab = lab;
        u.target = target;
        u
    }

    /// [`AppState::shown_url`] as a query string (tracked).
    pub fn query(&self) -> String {
        self.shown_url().to_query()
    }

    /// How the link wants `setting`'s control shown (tracked).
    pub fn control(&self, setting: crate::setting::Setting) -> crate::locks::Control {
        self.url.with(|u| setting.control(u))
    }

    /// Changes a lab's settings and writes them back to the URL.
    pub fn update_settings<S: LabSettings>(&self, change: impl FnOnce(&mut S)) {
        self.url.update(|u| {
            let mut s = S::from_url(u);
            change(&mut s);
            s.write(u);
        });
    }
}

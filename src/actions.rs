//! What happens when the user loads data: ask the worker, then put the answer
//! into the app's state. The previous dataset stays when a load fails.

use crate::browser::answer::{ask, Answer};
use crate::browser::engine::Payload;
use crate::browser::files::UserFile;
use crate::labs::data::settings::DataSettings;
use crate::labs::split::settings::SplitSettings;
use crate::state::AppState;
use crate::url_state::LabSettings;
use leptos::prelude::*;
use mlops_engine::{data, split};

/// Loads a built-in dataset through the worker.
pub fn load_sample(state: AppState, id: String) {
    load_sample_with_notice(state, id, None);
}

/// [`load_sample`], then shows `notice` in the error banner (for a link
/// whose dataset had to be replaced).
pub fn load_sample_with_notice(state: AppState, id: String, notice: Option<String>) {
    let request = data::Request::LoadSample { id: id.clone() };
    ask(request, None, move |response| {
        apply_load(state, response, Some(id));
        if notice.is_some() {
            state.error.set(notice);
        }
    });
}

/// Opens the working dataset of the last visit (an upload kept in the
/// browser), else the built-in `fallback`.
pub fn restore_or_load_sample(state: AppState, fallback: String) {
    crate::browser::storage::restore(move |file| match file {
        // Already kept: not stored again.
        Some(file) => read_file(state, file, None, false),
        None => load_sample(state, fallback),
    });
}

/// "Clear my data": forgets the kept upload and opens `sample`.
pub fn clear_kept_data(state: AppState, sample: String) {
    crate::browser::storage::clear(move |result| {
        if let Err(e) = result {
            state
                .error
                .set(Some(format!("could not clear the stored data: {e}")));
        }
        load_sample(state, sample);
    });
}

/// Stores an uploaded file for the next visit; a failure is a notice, and
/// the open session goes on as it is.
fn keep_for_next_visit(state: AppState, file: &UserFile) {
    crate::browser::storage::save(file, move |result| {
        if let Err(e) = result {
            state.notices.update(|n| {
                n.push(format!(
                    "your file is open, but could not be kept for the next visit: {e}"
                ))
            });
        }
    });
}

/// Loads a user's file through the worker, which reads the file itself.
/// `delimiter` is one character or `tab`; `None` detects it.
/// The upload is kept for the next visit once it has loaded.
pub fn load_file(state: AppState, file: UserFile, delimiter: Option<String>) {
    read_file(state, file, delimiter, true);
}

/// [`load_file`]; `keep`: store the file for the next visit once loaded
/// (not for a file that is already stored: a restored one, or the same
/// upload read again with another delimiter).
fn read_file(state: AppState, file: UserFile, delimiter: Option<String>, keep: bool) {
    state.busy.set(Some(0.0));
    let request = data::Request::LoadCsv {
        name: file.name(),
        delimiter,
    };
    let payload = Some(Payload::File(file.clone()));
    ask(request, payload, move |response| {
        apply_load_from(state, response, None, Some(file), keep);
    });
}

fn apply_load(state: AppState, response: Answer<data::Request>, sample: Option<String>) {
    apply_load_from(state, response, sample, None, false)
}

fn apply_load_from(
    state: AppState,
    response: Answer<data::Request>,
    sample: Option<String>,
    source: Option<UserFile>,
    keep: bool,
) {
    match response {
        Ok(data::Response::Loaded { dataset, profile }) => {
            if let Some(file) = source.as_ref().filter(|_| keep) {
                keep_for_next_visit(state, file);
            }
            SOURCE_FILE.with(|f| *f.borrow_mut() = source);
            let keep_target = state.target.with_untracked(|t| {
                t.as_ref()
                    .filter(|t| dataset.columns.iter().any(|c| &c.name == *t))
                    .cloned()
            });
            state
                .target
                .set(keep_target.or_else(|| dataset.suggested_target.clone()));
            let replacing = state.dataset.with_untracked(|d| d.is_some());
            state.url.update(|u| {
                u.sample = sample;
                if replacing {
                    // Column choices of the previous dataset do not carry over.
                    let mut data = DataSettings::from_url(u);
                    data.forget_columns();
                    data.write(u);
                    let mut split = SplitSettings::from_url(u);
                    split.forget_columns();
                    split.write(u);
                    let mut model = crate::labs::model::settings::ModelSettings::from_url(u);
                    model.forget_columns();
                    model.write(u);
                }
            });
            state.dataset.set(Some(dataset));
            state.profile.set(Some(profile));
            state.error.set(None);
        }
        Err(e) => {
            state.busy.set(None);
            state.error.set(Some(e.to_string()));
        }
        Ok(_) => state.error.set(Some(
            "the engine answered a load with something else".to_string(),
        )),
    }
}

thread_local! {
    /// The user's last loaded file: re-read for exports (the worker keeps only
    /// typed columns, not the text).
    static SOURCE_FILE: std::cell::RefCell<Option<UserFile>> = const { std::cell::RefCell::new(None) };
}

/// Reads the last uploaded file again with another delimiter (`None`:
/// detect). Built-in samples are read as they are.
pub fn reload_with_delimiter(state: AppState, delimiter: Option<String>) {
    match SOURCE_FILE.with(|f| f.borrow().clone()) {
        Some(file) => read_file(state, file, delimiter, false),
        None => state.error.set(Some(
            "the delimiter applies to a file you upload; built-in datasets are read as they are"
                .into(),
        )),
    }
}

/// Downloads one split (`train`, `dev` or `test`) of the current settings as
/// CSV: the same bytes as `mlops split --out`.
pub fn download_split(state: AppState, split: String) {
    let Some(target) = state.target.get_untracked() else {
        return;
    };
    let request = match state
        .url
        .with_untracked(|u| crate::labs::split::settings::split_request(u, &target))
    {
        Ok(r) => r,
        Err(e) => {
            state.error.set(Some(e));
            return;
        }
    };
    let file = SOURCE_FILE.with(|f| f.borrow().clone());
    let bytes = file.map(Payload::File);
    ask(
        split::Request::Export(request),
        bytes,
        move |response| match response {
            Ok(split::Response::Exported { files, .. }) => {
                let wanted = format!("{split}.csv");
                if let Some(f) = files.iter().find(|f| f.name == wanted) {
                    if let Err(e) = crate::browser::download::offer(&f.name, "text/csv", &f.bytes) {
                        state.error.set(Some(e));
                    }
                }
            }
            Ok(_) => {}
            Err(e) => state.error.set(Some(e.to_string())),
        },
    );
}

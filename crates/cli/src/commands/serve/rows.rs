//! `POST /predict`'s body → the model's predictions: the JSON rows become
//! CSV text (numbers as written, strings as they are, booleans as
//! `true`/`false`, `null` as an empty field), which the engine's CSV reader
//! reads as `mlops predict` reads a file, so the numbers are the same.

use mlops_engine::model::FittedModel;
use mlops_engine::table::{read_csv, CsvOptions};
use serde_json::{json, Map, Value};

fn field(v: &Value) -> Result<String, String> {
    let text = match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        other => {
            return Err(format!(
                "values must be numbers, strings, booleans or null, not {other}"
            ))
        }
    };
    Ok(if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    })
}

/// The predictions for the body, the rows predicted and how many were
/// predicted positive; or the message of a 400.
pub fn predict(model: &FittedModel, body: &[u8]) -> Result<(Value, u64, u64), String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))?;
    let rows: Vec<&Map<String, Value>> = match &value {
        Value::Object(o) => match o.get("rows") {
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, r)| r.as_object().ok_or(format!("rows[{i}] is not an object")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("\"rows\" must be an array of row objects".into()),
            None => vec![o],
        },
        _ => return Err("the body must be {\"rows\": [{...}, ...]} or one row object".into()),
    };
    if rows.is_empty() {
        return Ok((
            json!({"model": model.model.as_str(), "predictions": []}),
            0,
            0,
        ));
    }
    let mut csv = String::new();
    let header: Vec<String> = model
        .features
        .iter()
        .map(|f| field(&Value::String(f.clone())))
        .collect::<Result<_, _>>()?;
    csv.push_str(&header.join(","));
    csv.push('\n');
    for (i, row) in rows.iter().enumerate() {
        let mut fields = Vec::with_capacity(model.features.len());
        for f in &model.features {
            let v = row.get(f).ok_or(format!(
                "rows[{i}] has no feature \"{f}\" (the model needs {})",
                model.features.join(", ")
            ))?;
            fields.push(field(v)?);
        }
        // A record of one empty field would read as a blank line.
        if fields.len() == 1 && fields[0].is_empty() {
            fields[0] = "\"\"".into();
        }
        csv.push_str(&fields.join(","));
        csv.push('\n');
    }
    let table = read_csv(
        csv.as_bytes(),
        &CsvOptions {
            name: "request".into(),
            delimiter: Some(b','),
        },
    )
    .map_err(|e| e.to_string())?;
    let all: Vec<usize> = (0..table.n_rows).collect();
    let p = model.predict(&table, &all).map_err(|e| e.to_string())?;
    let positives = model.positive.as_deref().map_or(0, |pos| {
        p.labels.iter().filter(|l| l.as_str() == pos).count()
    }) as u64;
    let predictions: Vec<Value> = p
        .labels
        .iter()
        .enumerate()
        .map(
            |(i, label)| match p.scores.as_ref().and_then(|s| s.get(i)) {
                Some(s) => json!({"prediction": label, "score": s}),
                None => json!({"prediction": label}),
            },
        )
        .collect();
    Ok((
        json!({"model": model.model.as_str(), "predictions": predictions}),
        rows.len() as u64,
        positives,
    ))
}

//! Header names every column can be called by: an empty name becomes
//! `column_N`, a repeated one gets `_2`, `_3`, ...; each with a warning.

/// Empty names become `column_N`; repeats get `_2`, `_3`, ...; each change is
/// reported in `warnings`.
pub(super) fn unique_names(
    names: Vec<String>,
    file: &str,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let mut taken: std::collections::HashSet<String> = names.iter().cloned().collect();
    let mut seen = std::collections::HashSet::new();
    let mut result = Vec::with_capacity(names.len());
    for (i, name) in names.into_iter().enumerate() {
        let (fresh, warning) = if name.trim().is_empty() {
            let fresh = free_name(&taken, &format!("column_{}", i + 1), true);
            let warning = format!(
                "{file}: column {} has no name in the header; it is called \"{fresh}\"",
                i + 1
            );
            (fresh, warning)
        } else if !seen.insert(name.clone()) {
            let fresh = free_name(&taken, &name, false);
            let warning = format!(
                "{file}: the header repeats \"{name}\"; column {} is called \"{fresh}\"",
                i + 1
            );
            (fresh, warning)
        } else {
            result.push(name);
            continue;
        };
        warnings.push(warning);
        taken.insert(fresh.clone());
        seen.insert(fresh.clone());
        result.push(fresh);
    }
    result
}

/// `base` itself when `plain` and it is free, else the first free `base_2`,
/// `base_3`, ...
fn free_name(taken: &std::collections::HashSet<String>, base: &str, plain: bool) -> String {
    if plain && !taken.contains(base) {
        return base.to_string();
    }
    (2u64..)
        .map(|k| format!("{base}_{k}"))
        .find(|n| !taken.contains(n))
        .unwrap_or_default()
}

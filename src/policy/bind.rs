//! Binding a parameterised policy file: parameter values substituted into
//! its rules, its `when` blocks applied, before the typed spec is read.
//!
//! The file is kept as a YAML value; binding works on a copy of it, so the
//! typed spec ([`PolicySpec`](crate::spec::PolicySpec)) and everything
//! after it never see a parameter.

use serde_yaml::{Mapping, Value as Yaml};

use crate::params::{Bound, ParamKind, Parameter, Value};

/// A parameterised file: the document without `parameters` and `when`,
/// the declarations and the `when` blocks.
pub(crate) struct Template {
    doc: Doc,
    /// The policy id (for messages about the values).
    pub(crate) id: String,
    pub(crate) decls: Vec<Parameter>,
    when: Vec<Yaml>,
}

/// Where a binding's copy of the document comes from.
enum Doc {
    /// The document itself, copied for each binding.
    Value(Yaml),
    /// A built-in's document as JSON (see `build.rs`), read again for each
    /// binding: as fast as copying the value, and the first binding, as
    /// the built-in is loaded, takes the value read then without a copy.
    Json(&'static str),
}

/// (document without `parameters` and `when`, declarations, blocks).
type Parts = (Yaml, Vec<Parameter>, Vec<Yaml>);

/// What splitting a file finds wrong: (field, message).
type Problems = Vec<(String, String)>;

/// Most nested expressions (`sum_of` within `max_of` …) one value may
/// have: a policy needs two.
const MAX_EXPRESSION_DEPTH: usize = 16;

impl Template {
    /// Splits a parsed file; `None` when it declares no parameters (and
    /// has no `when`): such a file is read as before. Problems come back
    /// as (field, message).
    pub(crate) fn new(doc: Yaml) -> Result<Option<Template>, Problems> {
        Ok(split(doc)?.map(|(doc, decls, when)| Template {
            id: id_of(&doc),
            doc: Doc::Value(doc),
            decls,
            when,
        }))
    }

    /// [`Template::new`] of `doc`, the document `json` holds, keeping
    /// `json` to bind again from; with the split document, for binding
    /// once now without copying it.
    pub(crate) fn from_json(
        json: &'static str,
        doc: Yaml,
    ) -> Result<Option<(Template, Yaml)>, Problems> {
        Ok(split(doc)?.map(|(doc, decls, when)| {
            let id = id_of(&doc);
            (Template { id, doc: Doc::Json(json), decls, when }, doc)
        }))
    }

    /// A copy of the document, to bind.
    pub(crate) fn document(&self) -> Yaml {
        match &self.doc {
            Doc::Value(doc) => doc.clone(),
            // It was read once already; were it not to be read again, the
            // null document would fail to bind, not bind to something.
            Doc::Json(json) => serde_json::from_str(json)
                .ok()
                .and_then(|doc| split(doc).ok().flatten())
                .map_or(Yaml::Null, |(doc, ..)| doc),
        }
    }

    /// The document with `values` bound: references replaced, matching
    /// `when` blocks applied over the shared and every variant's rules.
    pub(crate) fn bind(
        &self,
        mut doc: Yaml,
        values: &[Bound],
    ) -> Result<Yaml, Vec<(String, String)>> {
        let mut problems = Vec::new();
        for (i, block) in self.when.iter().enumerate() {
            let field = format!("when[{i}]");
            match block_applies(block, values) {
                Ok(true) => {}
                Ok(false) => continue,
                Err(m) => {
                    problems.push((field, m));
                    continue;
                }
            }
            let Some(Yaml::Mapping(rules)) = block.get("rules") else {
                problems.push((field, "a block needs `rules:`".into()));
                continue;
            };
            apply(&mut doc, rules);
        }
        if let Err(m) = substitute(&mut doc, values, false, 0) {
            problems.push(("rules".into(), m));
        }
        if problems.is_empty() { Ok(doc) } else { Err(problems) }
    }
}

impl std::fmt::Debug for Template {
    /// The document as bound from, however it is kept.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Template")
            .field("doc", &self.document())
            .field("decls", &self.decls)
            .field("when", &self.when)
            .finish()
    }
}

/// The parts of a parsed file with parameters or `when` blocks; `None`
/// for a file with neither. Takes the document rather than a copy of it:
/// copying a file's value (notes and all) was a third of loading one.
fn split(doc: Yaml) -> Result<Option<Parts>, Problems> {
    let Yaml::Mapping(mut map) = doc else { return Ok(None) };
    if !map.contains_key("parameters") && !map.contains_key("when") {
        return Ok(None);
    }
    // Removed in this order, as before: a removal moves the last key into
    // the gap.
    let params = map.remove("parameters");
    let when = map.remove("when");
    let decls = match &params {
        Some(p) => crate::params::declarations(p)?,
        None => Vec::new(),
    };
    let when = match when {
        None | Some(Yaml::Null) => Vec::new(),
        Some(Yaml::Sequence(s)) => s,
        Some(_) => {
            return Err(vec![(
                "when".into(),
                "when is a list of { if: …, rules: … } blocks".into(),
            )]);
        }
    };
    Ok(Some((Yaml::Mapping(map), decls, when)))
}

fn id_of(doc: &Yaml) -> String {
    doc.get("id").and_then(Yaml::as_str).unwrap_or_default().to_string()
}

/// Whether every condition of a block's `if` holds.
fn block_applies(block: &Yaml, values: &[Bound]) -> Result<bool, String> {
    let Yaml::Mapping(block) = block else {
        return Err("a block is a map with `if` and `rules`".into());
    };
    for key in block.keys() {
        if !matches!(key.as_str(), Some("if" | "rules")) {
            return Err(format!(
                "unknown key {key:?} in a block (only `if` and `rules`)"
            ));
        }
    }
    let Some(Yaml::Mapping(conds)) = block.get("if") else {
        return Err("a block needs `if: {{ PARAMETER: VALUE }}`".into());
    };
    for (name, want) in conds {
        let name = name.as_str().unwrap_or_default();
        let Some(b) = values.iter().find(|b| b.parameter.name == name) else {
            return Err(format!("`if` names no declared parameter '{name}'"));
        };
        let wants: Vec<&Yaml> = match want {
            Yaml::Sequence(s) => s.iter().collect(),
            one => vec![one],
        };
        let mut any = false;
        for w in wants {
            any |= matches(&b.parameter, b.value.as_ref(), w)?;
        }
        if !any {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether a bound value is the one a condition names.
fn matches(
    p: &Parameter,
    value: Option<&Value>,
    want: &Yaml,
) -> Result<bool, String> {
    let wrong = || format!("`if` gives '{}' a value it does not take", p.name);
    match (&p.kind, value, want) {
        (ParamKind::Boolean, Some(Value::Boolean(b)), Yaml::Bool(w)) => {
            Ok(b == w)
        }
        (
            ParamKind::Integer { .. },
            Some(Value::Integer(n)),
            Yaml::Number(w),
        ) => Ok(w.as_i64() == Some(*n)),
        (
            ParamKind::Enum { values, .. },
            Some(Value::Enum(v)),
            Yaml::String(w),
        ) => {
            if values.contains(w) {
                Ok(v == w)
            } else {
                Err(wrong())
            }
        }
        // A file parameter: `true` when one is given.
        (ParamKind::File, v, Yaml::Bool(w)) => Ok(v.is_some() == *w),
        _ => Err(wrong()),
    }
}

/// Sets each rule of a block in the shared rules and removes it from every
/// variant's, so that it wins over both (variants override field by
/// field).
fn apply(doc: &mut Yaml, rules: &Mapping) {
    let Yaml::Mapping(map) = doc else { return };
    let shared = map
        .entry(Yaml::from("rules"))
        .or_insert_with(|| Yaml::Mapping(Mapping::new()));
    if shared.is_null() {
        *shared = Yaml::Mapping(Mapping::new());
    }
    if let Yaml::Mapping(shared) = shared {
        for (k, v) in rules {
            shared.insert(k.clone(), v.clone());
        }
    }
    if let Some(Yaml::Mapping(variants)) = map.get_mut("variants") {
        for (_, v) in variants.iter_mut() {
            if let Some(Yaml::Mapping(vr)) = v.get_mut("rules") {
                for k in rules.keys() {
                    vr.remove(k);
                }
            }
        }
    }
}

/// Replaces `{ param: NAME }`, `{ sum_of: [...] }` and `{ max_of: [...] }`
/// throughout. Inside `min_counts`, an entry whose value is an expression
/// that comes to 0 is removed: a deployment that sets a count to 0 asks
/// for no such character (a written 0 stays an error).
fn substitute(
    node: &mut Yaml,
    values: &[Bound],
    in_counts: bool,
    depth: usize,
) -> Result<(), String> {
    if depth > crate::depth::MAX_FLOW_DEPTH {
        return Ok(());
    }
    if is_expression(node) {
        *node = evaluate(node, values, 0)?;
        return Ok(());
    }
    match node {
        Yaml::Mapping(map) => {
            let mut zero = Vec::new();
            for (k, v) in map.iter_mut() {
                let counts = k.as_str() == Some("min_counts");
                let was_expression = is_expression(v);
                substitute(v, values, counts, depth + 1)?;
                if in_counts && was_expression && v.as_u64() == Some(0) {
                    zero.push(k.clone());
                }
            }
            for k in zero {
                map.remove(&k);
            }
        }
        Yaml::Sequence(s) => {
            for v in s {
                substitute(v, values, false, depth + 1)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn is_expression(node: &Yaml) -> bool {
    match node {
        Yaml::Mapping(m) if m.len() == 1 => m
            .keys()
            .next()
            .and_then(Yaml::as_str)
            .is_some_and(|k| matches!(k, "param" | "sum_of" | "max_of")),
        _ => false,
    }
}

fn evaluate(
    node: &Yaml,
    values: &[Bound],
    depth: usize,
) -> Result<Yaml, String> {
    if depth > MAX_EXPRESSION_DEPTH {
        return Err(format!(
            "expressions nest more than {MAX_EXPRESSION_DEPTH} deep"
        ));
    }
    let Yaml::Mapping(m) = node else { return Ok(node.clone()) };
    let Some((op, arg)) = m.iter().next() else { return Ok(node.clone()) };
    match op.as_str() {
        Some("param") => {
            let name = arg.as_str().unwrap_or_default();
            let Some(b) = values.iter().find(|b| b.parameter.name == name)
            else {
                return Err(format!(
                    "`param: {}` names no declared parameter",
                    name.escape_debug()
                ));
            };
            Ok(match &b.value {
                None => Yaml::Null,
                Some(Value::Integer(n)) => Yaml::from(*n),
                Some(Value::Boolean(v)) => Yaml::Bool(*v),
                Some(Value::Enum(s)) => Yaml::from(s.as_str()),
                Some(Value::File { lines, .. }) => Yaml::Sequence(
                    lines.iter().map(|l| Yaml::from(l.as_str())).collect(),
                ),
            })
        }
        Some(op @ ("sum_of" | "max_of")) => {
            let Yaml::Sequence(items) = arg else {
                return Err(format!("`{op}` takes a list"));
            };
            let mut acc: Option<i64> = None;
            for item in items {
                let v = evaluate(item, values, depth + 1)?;
                let Some(n) = v.as_i64() else {
                    return Err(format!("`{op}` adds up integers only"));
                };
                acc = Some(match (acc, op) {
                    (None, _) => n,
                    (Some(a), "sum_of") => a
                        .checked_add(n)
                        .ok_or_else(|| format!("`{op}` overflows"))?,
                    (Some(a), _) => a.max(n),
                });
            }
            acc.map(Yaml::from)
                .ok_or_else(|| format!("`{op}` of an empty list"))
        }
        _ => Ok(node.clone()),
    }
}

//! `passpolicy diff A B`: two selections compared exactly (the library's
//! `compare`): the relation, per side the count of passwords only it
//! accepts, and a uniformly drawn example with the other side's reasons.
//! The example is a generated password, not anyone's secret, which is why
//! it may be printed.

use std::io::Write;

use anyhow::{Result, bail};
use passpolicy::{Catalog, Checker, Comparison, Lang, Relation, compare};
use serde_json::{Value, json};

use crate::args::{DiffArgs, Format, LangArg};

pub fn run(catalog: &Catalog, args: &DiffArgs) -> Result<u8> {
    let mut a = args.a.clone();
    let mut b = args.b.clone();
    match args.refs.as_slice() {
        [] => {}
        [x, y] => {
            a.insert(0, x.clone());
            b.insert(0, y.clone());
        }
        [x] if b.is_empty() && !a.is_empty() => b.insert(0, x.clone()),
        [x] if a.is_empty() => a.insert(0, x.clone()),
        _ => bail!("give two refs (diff A B), or --a REF… and --b REF…"),
    }
    if a.is_empty() || b.is_empty() {
        bail!("both sides need a policy: diff A B, or --a REF… --b REF…");
    }
    fn names(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let va = catalog.select(&names(&a))?;
    let vb = catalog.select(&names(&b))?;
    let mut builder = Checker::builder();
    if let Some(user) = &args.user {
        builder = builder.user(user);
    }
    let c = compare(&builder, &va, &vb)?;
    let lang = LangArg::resolve(args.lang);
    let (la, lb) = (a.join(" + "), b.join(" + "));
    let sides = [
        side(&c, true, args.by_length, lang)?,
        side(&c, false, args.by_length, lang)?,
    ];
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let doc = json!({
                "a": a,
                "b": b,
                "relation": c.relation().as_str(),
                "both": c.both().to_string(),
                "max_length_compared": passpolicy::MAX_LENGTH,
                "beyond_limit": c.beyond_limit(),
                "only_a": sides[0].as_ref().map(|s| s.json()),
                "only_b": sides[1].as_ref().map(|s| s.json()),
            });
            writeln!(out, "{doc}")?;
        }
        Format::Text => {
            let rel = match c.relation() {
                Relation::Equal => format!("{la} = {lb} (equal)"),
                Relation::Subset => {
                    format!("{la} ⊂ {lb} (A is contained in B)")
                }
                Relation::Superset => format!("{la} ⊃ {lb} (A contains B)"),
                Relation::Overlapping => format!("{la} and {lb} overlap"),
                Relation::Disjoint => format!("{la} and {lb} are disjoint"),
            };
            writeln!(out, "{rel}")?;
            writeln!(
                out,
                "both accept {} passwords (lengths 0 to {} compared{})",
                c.both(),
                passpolicy::MAX_LENGTH,
                if c.beyond_limit() {
                    "; longer ones allowed but not compared"
                } else {
                    ""
                }
            )?;
            for (s, (this, other)) in
                sides.iter().zip([(&la, &lb), (&lb, &la)])
            {
                match s {
                    None => writeln!(out, "only {this}: none")?,
                    Some(s) => s.text(&mut out, this, other)?,
                }
            }
        }
    }
    Ok(if c.relation() == Relation::Equal {
        crate::EXIT_OK
    } else {
        crate::EXIT_REJECTED
    })
}

/// What one side alone accepts.
struct Side {
    count: String,
    bits: f64,
    by_length: Option<Vec<(u32, String)>>,
    example: Option<String>,
    /// (text, JSON) of each violation of the other side.
    violations: Vec<(String, Value)>,
}

fn side(
    c: &Comparison,
    a_side: bool,
    by_length: bool,
    lang: Lang,
) -> Result<Option<Side>> {
    let count = if a_side { c.only_a() } else { c.only_b() };
    if count.is_zero() {
        return Ok(None);
    }
    let per: Vec<(u32, String)> = c
        .lengths()
        .iter()
        .map(|l| (l.length, if a_side { l.only_a() } else { l.only_b() }))
        .filter(|(_, n)| !n.is_zero())
        .map(|(l, n)| (l, n.to_string()))
        .collect();
    let mut rng = rand::rng();
    let drawn = if a_side {
        c.example_only_a(&mut rng)
    } else {
        c.example_only_b(&mut rng)
    };
    let example = match drawn {
        Ok(example) => example,
        // Too rare to find by rejection: the exact count still stands.
        Err(passpolicy::Error::Limit(why)) => {
            eprintln!("passpolicy: no example: {why}");
            None
        }
        Err(e) => return Err(e.into()),
    };
    let violations = match &example {
        Some(p) => c
            .violations(!a_side, p.as_str())
            .iter()
            .map(|v| {
                // The shape of `check --format json`'s violations.
                let json = json!({
                    "code": v.code,
                    "policy": v.policy,
                    "vendor_code": v.vendor_code,
                    "message": v.message(lang),
                    "detail": v.detail,
                });
                let text =
                    format!("{} {}: {}", v.policy, v.code, v.message(lang));
                (text, json)
            })
            .collect(),
        None => vec![],
    };
    Ok(Some(Side {
        count: count.to_string(),
        bits: count.log2(),
        by_length: by_length.then_some(per),
        example: example.map(|p| p.as_str().to_string()),
        violations,
    }))
}

impl Side {
    fn json(&self) -> Value {
        let mut v = json!({
            "count": self.count,
            "example": self.example,
            "violations": self.violations.iter().map(|(_, j)| j.clone()).collect::<Vec<_>>(),
        });
        if let Some(per) = &self.by_length {
            v["by_length"] = per
                .iter()
                .map(|(l, n)| json!({"length": l, "count": n}))
                .collect();
        }
        v
    }

    fn text(
        &self,
        out: &mut impl Write,
        this: &str,
        other: &str,
    ) -> Result<()> {
        writeln!(
            out,
            "only {this}: {} passwords (2^{:.1})",
            self.count, self.bits
        )?;
        if let Some(per) = &self.by_length {
            for (l, n) in per {
                writeln!(out, "  length {l}: {n}")?;
            }
        }
        if let Some(ex) = &self.example {
            let why: Vec<String> =
                self.violations.iter().map(|(text, _)| text.clone()).collect();
            writeln!(
                out,
                "  e.g. {this} accepts {ex:?} (a generated example); {other} refuses it: {}",
                why.join("; ")
            )?;
        }
        Ok(())
    }
}

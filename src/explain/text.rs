//! Rendering an [`Explanation`] as indented text (its `Display`).

use std::fmt;

use super::Explanation;
use crate::message::Lang;
use crate::spec::NoteSpec;
use crate::unicode::escape_for_terminal as esc;

impl fmt::Display for Explanation {
    /// Indented text: per variant a heading, the rule, the facts and the
    /// notes; then the combined rule.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let zh = self.lang == Lang::Zh;
        for (i, v) in self.variants.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", v.policy)?;
            match (&v.vendor, &v.product) {
                (Some(vendor), Some(product)) => {
                    // Text from the policy file: no control or bidi
                    // character reaches the terminal.
                    writeln!(f, " — {}, {}", esc(vendor), esc(product))?
                }
                _ => writeln!(f)?,
            }
            writeln!(f, "  {}", if zh { "密码：" } else { "Password:" })?;
            for r in &v.rules {
                writeln!(f, "  - {}", esc(r))?;
            }
            for fact in &v.facts {
                writeln!(f, "  {}", esc(fact))?;
            }
            // Variants of one policy share its notes: print them once.
            let id = |p: &str| p.split('/').next().unwrap_or("").to_string();
            let noted = self.variants[..i]
                .iter()
                .any(|o| id(&o.policy) == id(&v.policy));
            if noted && !v.notes.is_empty() {
                writeln!(
                    f,
                    "  {}",
                    if zh {
                        "（文档歧义见上文）"
                    } else {
                        "(ambiguities of the document: see above)"
                    }
                )?;
            } else if !v.notes.is_empty() {
                writeln!(
                    f,
                    "  {}",
                    if zh {
                        "厂商文档中的歧义（采用更严格的解读）："
                    } else {
                        "Ambiguities in the vendor document (the stricter \
                         reading is taken):"
                    }
                )?;
                for n in &v.notes {
                    write_note(f, n, zh)?;
                }
            }
        }
        if let Some(c) = &self.combined {
            writeln!(f)?;
            if zh {
                writeln!(f, "同时满足（{}）：", c.policies.join(" + "))?;
            } else {
                writeln!(f, "All together ({}):", c.policies.join(" + "))?;
            }
            for r in &c.rules {
                writeln!(f, "  - {r}")?;
            }
        }
        Ok(())
    }
}

fn write_note(
    f: &mut fmt::Formatter<'_>,
    n: &NoteSpec,
    zh: bool,
) -> fmt::Result {
    let one_line = |s: &str| {
        esc(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
    };
    writeln!(f, "  - {}", one_line(&n.about))?;
    if let Some(d) = &n.document {
        let label = if zh { "文档：" } else { "document: " };
        writeln!(f, "      {label}{}", one_line(d))?;
    }
    let label = if zh { "采用：" } else { "reading: " };
    writeln!(f, "      {label}{}", one_line(&n.reading))?;
    if let Some(a) = &n.alternative {
        let label = if zh { "未采用：" } else { "not taken: " };
        writeln!(f, "      {label}{}", one_line(a))?;
    }
    Ok(())
}

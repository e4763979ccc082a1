//! A cheap guard against deeply nested flow collections in policy text.
//!
//! The YAML scanner (libyaml, via serde_yaml) takes time quadratic in the
//! nesting depth of flow collections: 100,000 nested `[` or `{a: ` — a
//! 200 KB file — kept it busy for one to two minutes, before serde_yaml's
//! own recursion limit (128 levels) refused the document anyway. So the
//! text is scanned first and refused when it nests deeper than that.
//!
//! The scan counts every `[` and `{` and uncounts every `]` and `}`,
//! without telling quoted strings and comments apart: it can over-count
//! (a policy would need more than 128 unbalanced brackets in its strings
//! and comments to be refused by mistake) but never under-count, so no
//! quoting trick hides real nesting from it.

/// Deepest flow nesting accepted; serde_yaml refuses deeper documents.
pub(crate) const MAX_FLOW_DEPTH: usize = 128;

/// The one-based line and column of the first bracket that nests deeper
/// than [`MAX_FLOW_DEPTH`], if any.
pub(crate) fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 0);
    for c in text.chars() {
        column += 1;
        match c {
            '\n' => (line, column) = (line + 1, 0),
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some((line, column));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_bracket_past_the_limit() {
        let ok = format!("a: {}{}", "[".repeat(128), "]".repeat(128));
        assert_eq!(too_deep(&ok), None);
        let bad = format!("a: x\nb: {}", "{a: [".repeat(65));
        assert_eq!(too_deep(&bad), Some((2, 3 + 5 * 64 + 1)));
    }

    #[test]
    fn balanced_brackets_in_strings_do_not_add_up() {
        let text = "chars: \"[{}]()\"\n".repeat(10_000);
        assert_eq!(too_deep(&text), None);
    }
}

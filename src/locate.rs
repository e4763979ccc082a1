//! Finds the line and column of a field in a policy file's YAML text.
//!
//! serde reports a position only for the error that stops parsing; the
//! compiler finds its problems after parsing, on typed values that no
//! longer know where they came from. Policy files are block-style YAML
//! with one key per line, so following the indentation of `key:` lines is
//! enough to point at the field a problem is about. Where the walk fails
//! (flow style, anchors), the error still names the field by its path.

/// One-based `(line, column)` of the key at the end of `path`, or of the
/// deepest ancestor found.
pub(crate) fn locate(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    // (indent, key) of the keys enclosing the current line.
    let mut stack: Vec<(usize, &str)> = Vec::new();
    let mut best: Option<(usize, (usize, usize))> = None;
    for (number, line) in text.lines().enumerate() {
        let Some((indent, key)) = key_of(line) else { continue };
        while stack.last().is_some_and(|&(i, _)| i >= indent) {
            stack.pop();
        }
        stack.push((indent, key));
        let depth = stack.len();
        if depth > path.len() {
            continue;
        }
        let matches = stack.iter().zip(path).all(|(&(_, k), &want)| k == want);
        if matches && best.is_none_or(|(d, _)| depth > d) {
            best = Some((depth, (number + 1, indent + 1)));
            if depth == path.len() {
                break;
            }
        }
    }
    let (depth, (line, column)) = best?;
    // The rest of the path may sit on the same line in flow style
    // (`length: { min: 9, max: 8 }`): point at the innermost key found there.
    let text_line = text.lines().nth(line - 1).unwrap_or("");
    let mut at = (line, column);
    let mut from = column - 1;
    for key in &path[depth..] {
        let Some(found) = find_key(&text_line[from..], key) else { break };
        from += found;
        at = (line, from + 1);
    }
    Some(at)
}

/// The byte offset of `key:` in a flow mapping, as a whole word.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let pattern = format!("{key}:");
    let mut start = 0;
    while let Some(i) = text[start..].find(&pattern) {
        let at = start + i;
        let before = text[..at].chars().next_back();
        if before.is_none_or(|c| matches!(c, '{' | ',' | ' ')) {
            return Some(at);
        }
        start = at + pattern.len();
    }
    None
}

/// The indentation and key of a `key: value` or `- key: value` line.
fn key_of(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.is_empty() {
        return None;
    }
    let mut indent = line.len() - trimmed.len();
    let mut rest = trimmed;
    if let Some(after_dash) = rest.strip_prefix("- ") {
        indent += 2;
        rest = after_dash.trim_start();
    }
    let colon = rest.find(':')?;
    let key = rest[..colon].trim().trim_matches(|c| c == '"' || c == '\'');
    let after = &rest[colon + 1..];
    let is_key = !key.is_empty()
        && !key.contains(' ')
        && (after.is_empty() || after.starts_with(' '));
    is_key.then_some((indent, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
id: x
rules:
  length:
    min: 9
    max: 8
variants:
  windows:
    rules:
      length:
        min: 12
";

    #[test]
    fn finds_nested_keys() {
        assert_eq!(locate(TEXT, &["rules", "length", "min"]), Some((4, 5)));
        assert_eq!(
            locate(TEXT, &["variants", "windows", "rules", "length", "min"]),
            Some((10, 9))
        );
    }

    #[test]
    fn falls_back_to_the_deepest_ancestor() {
        assert_eq!(locate(TEXT, &["rules", "alphabet"]), Some((2, 1)));
        let flow = "rules:\n  length: { min: 9, max: 8 }\n";
        assert_eq!(locate(flow, &["rules", "length", "max"]), Some((2, 21)));
        assert_eq!(locate(TEXT, &["nope"]), None);
    }
}

//! Character sets as text.

use std::fmt;

use crate::charset::CharSet;
use crate::message::Lang;

/// The compact form (`CharSet`'s `Display`, used in error messages):
/// ranges of three or more as `a–z`, the rest one by one, separated by
/// spaces.
pub(crate) fn write_compact(
    f: &mut fmt::Formatter<'_>,
    set: &CharSet,
) -> fmt::Result {
    let mut first = true;
    for &(lo, hi) in set.ranges() {
        let n = u32::from(hi) - u32::from(lo) + 1;
        if n >= 3 {
            if !first {
                f.write_str(" ")?;
            }
            write!(f, "{lo}–{hi}")?;
            first = false;
        } else {
            for c in lo..=hi {
                if !first {
                    f.write_str(" ")?;
                }
                write!(f, "{c}")?;
                first = false;
            }
        }
    }
    Ok(())
}

/// The characters of a set, space-separated, runs of three or more
/// letters or digits (or of more than 16 characters) as `a–z`;
/// invisible characters (space, controls) as `U+0020`, so the text is
/// unambiguous. This is what explanations print.
pub(crate) fn render_set(set: &CharSet) -> String {
    let one = |c: char| -> String {
        if super::is_invisible(c) {
            format!("U+{:04X}", u32::from(c))
        } else {
            c.to_string()
        }
    };
    // Letters and digits read well as ranges (`a–z`); symbols do not
    // (`#–/` hides what it holds), so ASCII ranges are cut where the kind
    // of character changes and symbols are spelled out. Non-ASCII ranges
    // longer than 16 characters stay ranges.
    let kind = |c: char| match c {
        '0'..='9' => 0,
        'A'..='Z' => 1,
        'a'..='z' => 2,
        _ if c.is_ascii() => 3,
        _ => 4,
    };
    let mut pieces: Vec<(char, char)> = Vec::new();
    for &(lo, hi) in set.ranges() {
        let mut start = lo;
        let mut prev = lo;
        for c in (lo..=hi).skip(1) {
            if kind(c) != kind(prev) {
                pieces.push((start, prev));
                start = c;
            }
            prev = c;
            // Past ASCII the kind no longer changes: jump to the end.
            if kind(c) == 4 {
                break;
            }
        }
        pieces.push((start, hi));
    }
    let mut parts: Vec<String> = Vec::new();
    for (lo, hi) in pieces {
        let n = u32::from(hi) - u32::from(lo) + 1;
        let as_range = match kind(lo) {
            0..=2 => n >= 3,
            3 => false,
            _ => n > 16,
        };
        if as_range {
            parts.push(format!("{}–{}", one(lo), one(hi)));
        } else {
            parts.extend((lo..=hi).map(one));
        }
    }
    parts.join(" ")
}

/// Sets of more ranges than this are described, not listed.
const MAX_LISTED_RANGES: usize = 64;

/// The set with every run of three or more characters as `first–last`
/// (`U+0000–U+001F`), the rest one by one as `render_set` writes them.
fn spans(set: &CharSet) -> String {
    let mut parts: Vec<String> = Vec::new();
    for &(lo, hi) in set.ranges() {
        let one = |c: char| render_set(&CharSet::from_chars([c]));
        if u32::from(hi) - u32::from(lo) >= 2 {
            parts.push(format!("{}–{}", one(lo), one(hi)));
        } else {
            parts.extend((lo..=hi).map(one));
        }
    }
    parts.join(" ")
}

/// "Any character except …" for a set of more than half of Unicode whose
/// complement has few ranges (an open alphabet such as "anything but
/// `"`"); else the set as `render_set` lists it when it has few ranges;
/// else its size and where it is defined (a class by Unicode general
/// category).
pub(crate) fn describe_set(set: &CharSet, lang: Lang) -> String {
    let rest = set.complement();
    let open = set.len() > rest.len();
    if !open && set.ranges().len() <= MAX_LISTED_RANGES {
        return render_set(set);
    }
    let zh = lang == Lang::Zh;
    if open && rest.ranges().len() <= MAX_LISTED_RANGES {
        let listed = spans(&rest);
        return if zh {
            format!("除 {listed} 以外的任何字符")
        } else {
            format!("any character except {listed}")
        };
    }
    let n = set.len();
    if zh {
        format!("{n} 个字符（按 Unicode 类别定义，见策略文件）")
    } else {
        format!(
            "{n} characters (defined by Unicode category in the policy file)"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_named() {
        let set = CharSet::from_ranges([(' ', ' '), ('a', 'c'), ('x', 'y')]);
        assert_eq!(render_set(&set), "U+0020 a–c x y");
    }
}

//! The built-in classes: one row each, read by the policy loader (names
//! and characters), messages and explanations (words).

use crate::charset::CharSet;
use crate::message::Lang;

/// A built-in class: its name in policy files, its characters, and the
/// words for it in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuiltinClass {
    /// The name policy files use (`digits`).
    pub name: &'static str,
    /// Its characters, as inclusive ranges.
    pub ranges: &'static [(char, char)],
    /// What it holds, for the reference documentation (`0-9`).
    pub contents: &'static str,
    /// Its name in English sentences (`digits`).
    pub en: &'static str,
    /// Its name in Chinese sentences (`数字`).
    pub zh: &'static str,
}

/// Every built-in class, in the order error messages list them.
pub const BUILTIN_CLASSES: &[BuiltinClass] = &[
    BuiltinClass {
        name: "lower",
        ranges: &[('a', 'z')],
        contents: "a-z",
        en: "lowercase",
        zh: "小写字母",
    },
    BuiltinClass {
        name: "upper",
        ranges: &[('A', 'Z')],
        contents: "A-Z",
        en: "uppercase",
        zh: "大写字母",
    },
    BuiltinClass {
        name: "letters",
        ranges: &[('a', 'z'), ('A', 'Z')],
        contents: "a-z, A-Z",
        en: "letters",
        zh: "字母",
    },
    BuiltinClass {
        name: "digits",
        ranges: &[('0', '9')],
        contents: "0-9",
        en: "digits",
        zh: "数字",
    },
    BuiltinClass {
        name: "ascii_punctuation",
        ranges: &[('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        contents: "the 32 ASCII punctuation characters",
        en: "ASCII punctuation",
        zh: "ASCII 标点",
    },
    BuiltinClass {
        name: "ascii_printable",
        ranges: &[(' ', '~')],
        contents: "U+0020 to U+007E, space included",
        en: "printable ASCII",
        zh: "可打印 ASCII 字符",
    },
];

/// The built-in class called `name`, as a set.
pub(crate) fn builtin(name: &str) -> Option<CharSet> {
    let class = BUILTIN_CLASSES.iter().find(|c| c.name == name)?;
    Some(CharSet::from_ranges(class.ranges.iter().copied()))
}

/// A class's name in `lang`: a built-in class's words, a policy's own
/// class (an id such as `special`) as written.
pub(crate) fn class_word(name: &str, lang: Lang) -> &str {
    match BUILTIN_CLASSES.iter().find(|c| c.name == name) {
        Some(c) => match lang {
            Lang::En => c.en,
            Lang::Zh => c.zh,
        },
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row is sound: a unique policy-file name, characters, and words
    /// in both languages (the Chinese one not a copy of the English).
    #[test]
    fn every_builtin_class_is_complete() {
        for (i, c) in BUILTIN_CLASSES.iter().enumerate() {
            assert!(
                BUILTIN_CLASSES[..i].iter().all(|o| o.name != c.name),
                "{} twice",
                c.name
            );
            assert!(
                builtin(c.name).is_some_and(|s| !s.is_empty()),
                "{}",
                c.name
            );
            assert!(!c.contents.is_empty() && !c.en.is_empty(), "{}", c.name);
            assert!(!c.zh.is_ascii(), "{}: {}", c.name, c.zh);
            assert_eq!(class_word(c.name, Lang::En), c.en);
            assert_eq!(class_word(c.name, Lang::Zh), c.zh);
        }
        assert_eq!(class_word("special", Lang::Zh), "special");
    }
}

//! Policies in plain words, generated from the compiled rules.
//!
//! Nothing here is hand-written per policy: every sentence is built from a
//! [`Checker`]'s resolved [`Rules`] (and, through a [`Catalog`], from the
//! policy file's metadata: vendor error code, limits, API, source, notes),
//! so an explanation cannot drift from what [`Checker::check`] enforces.
//!
//! An [`Explanation`] is a plain value: it carries the facts as fields (for
//! `--format json`) and the sentences in one [`Lang`], and `Display`
//! renders it as indented text.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::charset::CharSet;
use crate::check::Checker;
use crate::error::Error;
use crate::message::Lang;
use crate::params::Params;
use crate::policy::Rules;
use crate::selection::{Selection, Target};
use crate::spec::{ApiSpec, LengthUnit, LimitsSpec, NoteSpec, SourceSpec};

/// What one policy variant, or several at once, require.
///
/// Build one with [`Catalog::explain`] (rules plus the policy files'
/// metadata) or [`Checker::explain`] (rules only). `Display` renders it as
/// text; it also serializes (serde) to the JSON that
/// `passpolicy explain --format json` prints.
///
/// # Example
///
/// ```
/// use passpolicy::{Catalog, Lang};
///
/// let e = Catalog::builtin().explain(&["tencent-cvm-v2/windows"], Lang::En)?;
/// let v = &e.variants[0];
/// assert_eq!(v.rules[0], "12–16 characters");
/// assert_eq!(v.vendor_error_code.as_deref(), Some("InvalidPassword"));
/// assert!(e.to_string().contains("must not start with /"));
///
/// let zh = Catalog::builtin().explain(&["tencent-cvm-v2/windows"], Lang::Zh)?;
/// assert_eq!(zh.variants[0].rules[0], "长度 12–16 个字符");
/// # Ok::<(), passpolicy::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// The language of the sentences.
    pub lang: Lang,
    /// Each combined variant, in the order they were named.
    pub variants: Vec<VariantExplanation>,
    /// What all of them together require; `None` for a single variant.
    pub combined: Option<CombinedExplanation>,
}

/// One policy variant's rule, as facts and as sentences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct VariantExplanation {
    /// `ID/VARIANT`, or `ID` for a policy without variants.
    pub policy: String,
    /// The vendor, when known (from the policy file).
    pub vendor: Option<String>,
    /// The product, when known.
    pub product: Option<String>,
    /// Length bounds.
    pub length: LengthFacts,
    /// Every allowed character, as inclusive `[first, last]` ranges.
    pub alphabet: Vec<(char, char)>,
    /// "At least K of these classes", if the rule has one.
    pub classes_required: Option<ClassesFacts>,
    /// "At least M characters of class C".
    pub min_counts: Vec<MinCountFacts>,
    /// Characters the password must not start with.
    pub forbidden_first: String,
    /// Characters the password must not end with.
    pub forbidden_last: String,
    /// The user-name rule, if any.
    pub username: Option<UsernameFacts>,
    /// Longest run of one identical character allowed.
    pub max_run: Option<u32>,
    /// How many exact values the policy refuses (they are not listed).
    pub deny_count: usize,
    /// The vendor's error code for a refused password.
    pub vendor_error_code: Option<String>,
    /// The vendor API the rule belongs to.
    pub api: Option<ApiSpec>,
    /// Request limits stated beside the rule.
    pub limits: Option<LimitsSpec>,
    /// The accounts the API sets when no user name is given.
    pub accounts: Vec<String>,
    /// Where the rule comes from.
    pub source: Option<SourceSpec>,
    /// The password rule in sentences, one per requirement.
    pub rules: Vec<String>,
    /// Everything else the policy file states, in sentences (error code,
    /// API, limits, accounts, source).
    pub facts: Vec<String>,
    /// Ambiguities of the vendor document and the reading taken (as
    /// written in the policy file, not translated).
    pub notes: Vec<NoteSpec>,
    /// The policy's parameters with the values the rules were bound
    /// with (empty for a policy without parameters).
    pub parameters: Vec<ParameterFacts>,
}

/// What several variants require together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CombinedExplanation {
    /// The variants combined.
    pub policies: Vec<String>,
    /// The common length range, when every variant counts in one unit.
    pub length: Option<LengthFacts>,
    /// The characters every variant allows.
    pub alphabet: Vec<(char, char)>,
    /// Characters some variant forbids first.
    pub forbidden_first: String,
    /// Characters some variant forbids last.
    pub forbidden_last: String,
    /// The smallest run limit.
    pub max_run: Option<u32>,
    /// The combined rule in sentences.
    pub rules: Vec<String>,
}

/// Length bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LengthFacts {
    /// Shortest allowed.
    pub min: u32,
    /// Longest allowed, `None` when unbounded.
    pub max: Option<u32>,
    /// What is counted.
    pub unit: LengthUnit,
}

/// A K-of-N class rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassesFacts {
    /// K.
    pub at_least: u32,
    /// The N classes.
    pub of: Vec<ClassFacts>,
}

/// A named class and its characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassFacts {
    /// The name the policy file uses.
    pub name: String,
    /// Its characters, as inclusive `[first, last]` ranges.
    pub chars: Vec<(char, char)>,
}

/// A minimum count of one class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MinCountFacts {
    /// The class.
    pub class: ClassFacts,
    /// The minimum number of its characters.
    pub min: u32,
}

/// A user-name rule and the names it checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UsernameFacts {
    /// The names checked (the `--user` name, or the default accounts).
    pub names: Vec<String>,
    /// The user name must not appear.
    pub contains: bool,
    /// The user name spelled backwards must not appear.
    pub reversed: bool,
    /// Whether the comparison is case-sensitive.
    pub case_sensitive: bool,
    /// No run of this many consecutive characters of a name may appear.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consecutive: Option<u32>,
    /// The password must not be a name, byte for byte.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub equals: bool,
    /// The password must not be a name's bytes reversed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub equals_reversed: bool,
    /// Names shorter than this many characters are not checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_name_length: Option<u32>,
    /// With a display-name rule: its shortest token checked, and the
    /// tokens of the display name given (empty without one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<DisplayNameFacts>,
}

/// A display-name rule and the tokens it checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DisplayNameFacts {
    /// Tokens shorter than this many characters are not checked.
    pub min_token_length: u32,
    /// The delimiters, as a string.
    pub delimiters: String,
    /// The tokens of the given display name that are checked.
    pub tokens: Vec<String>,
}

impl Checker {
    /// The compiled rules in plain words, without the policy files'
    /// metadata (use [`Catalog::explain`] for that).
    ///
    /// ```
    /// use passpolicy::{Catalog, Lang};
    ///
    /// let checker = Catalog::builtin().checker(&["baidu-bcc"])?;
    /// let e = checker.explain(Lang::En);
    /// assert_eq!(e.variants[0].rules[0], "8–32 characters");
    /// # Ok::<(), passpolicy::Error>(())
    /// ```
    pub fn explain(&self, lang: Lang) -> Explanation {
        explain(self, With::Rules, lang)
    }
}

impl Catalog {
    /// Explains the named policies (`ID` or `ID/VARIANT`, all of which
    /// must hold), with their metadata and recorded ambiguities.
    ///
    /// # Errors
    ///
    /// As [`Catalog::checker`]: unknown ids or variants, and combinations
    /// no password can satisfy.
    pub fn explain(
        &self,
        names: &[&str],
        lang: Lang,
    ) -> Result<Explanation, Error> {
        self.explain_with(names, &Params::new(), lang)
    }

    /// [`Catalog::explain`] with parameter values (see
    /// [`Catalog::select_with`]); the explanation lists each parameter
    /// with its value and default.
    ///
    /// # Errors
    ///
    /// As [`Catalog::select_with`] and [`Catalog::checker`].
    pub fn explain_with(
        &self,
        names: &[&str],
        params: &Params,
        lang: Lang,
    ) -> Result<Explanation, Error> {
        let variants = self.select_with(names, params)?;
        let refs: Vec<&crate::Variant> = variants.iter().collect();
        let checker = Checker::new(&refs)?;
        Ok(explain(&checker, With::Metadata, lang))
    }
}

/// Whether an explanation carries the policy files' metadata.
#[derive(Clone, Copy, PartialEq, Eq)]
enum With {
    Rules,
    Metadata,
}

fn explain(checker: &Checker, with: With, lang: Lang) -> Explanation {
    let variants: Vec<VariantExplanation> = checker
        .targets()
        .iter()
        .map(|t| explain_variant(t, with, lang))
        .collect();
    let combined =
        (variants.len() > 1).then(|| combine(checker.selection(), lang));
    Explanation { lang, variants, combined }
}

fn explain_variant(t: &Target, with: With, lang: Lang) -> VariantExplanation {
    let rules = t.rules();
    // Every rule by name: a new one does not compile until it is
    // explained (a fact here, a sentence in `rule_sentences`).
    let Rules {
        length: _,
        alphabet,
        classes,
        classes_required,
        min_counts,
        forbidden_first,
        forbidden_last,
        username,
        max_run,
        deny,
        dictionary: _, // a sentence in `rule_sentences`
    } = rules;
    let names = t.usernames();
    let meta = (with == With::Metadata).then(|| t.variant().metadata());
    let accounts: Vec<String> = match with {
        With::Metadata => t.variant().accounts().to_vec(),
        With::Rules => Vec::new(),
    };

    let length = length_facts(rules);
    let class = |i: usize| ClassFacts {
        name: classes[i].name.clone(),
        chars: classes[i].set.ranges().to_vec(),
    };
    let classes_required = classes_required.as_ref().map(|r| ClassesFacts {
        at_least: r.at_least,
        of: r.of.iter().map(|&i| class(i)).collect(),
    });
    let min_counts = min_counts
        .iter()
        .map(|&(i, min)| MinCountFacts { class: class(i), min })
        .collect();
    let username = username.map(|u| UsernameFacts {
        names: names.to_vec(),
        contains: u.contains,
        reversed: u.reversed,
        case_sensitive: u.case_sensitive,
        consecutive: u.consecutive,
        equals: u.equals,
        equals_reversed: u.equals_reversed,
        min_name_length: (u.min_name_length > 0).then_some(u.min_name_length),
        display_name: u.display_name.map(|d| rules::display_facts(&d, t)),
    });

    let mut out = VariantExplanation {
        policy: t.label().to_string(),
        vendor: meta.map(|m| m.vendor.clone()),
        product: meta.map(|m| m.product.clone()),
        length,
        alphabet: alphabet.ranges().to_vec(),
        classes_required,
        min_counts,
        forbidden_first: forbidden_first.chars().collect(),
        forbidden_last: forbidden_last.chars().collect(),
        username,
        max_run: *max_run,
        deny_count: deny.len(),
        vendor_error_code: t.vendor_code().map(str::to_string),
        api: meta.and_then(|m| m.api.clone()),
        limits: meta.and_then(|m| m.limits.clone()),
        accounts,
        source: meta.and_then(|m| m.source.clone()),
        rules: Vec::new(),
        facts: Vec::new(),
        notes: meta.map(|m| m.notes.clone()).unwrap_or_default(),
        parameters: meta
            .map(|m| params::parameter_facts(&m.parameters))
            .unwrap_or_default(),
    };
    out.rules = rule_sentences(rules, out.username.as_ref(), lang);
    out.facts = fact_sentences(&out, lang);
    out.facts.extend(open::generation_sentence(&rules.alphabet, lang));
    out.facts.extend(params::parameter_sentences(&out.parameters, lang));
    out
}

fn length_facts(rules: &Rules) -> LengthFacts {
    let l = rules.length;
    LengthFacts {
        min: l.min,
        max: (l.max != u32::MAX).then_some(l.max),
        unit: l.unit,
    }
}

/// One sentence per requirement of `rules`.
fn rule_sentences(
    rules: &Rules,
    username: Option<&UsernameFacts>,
    lang: Lang,
) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = vec![length_sentence(&length_facts(rules), lang)];
    if let Some(req) = &rules.classes_required {
        let list: Vec<String> = req
            .of
            .iter()
            .map(|&i| {
                let c = &rules.classes[i];
                class_words(&c.name, &c.set, lang)
            })
            .collect();
        let n = req.of.len();
        out.push(match (zh, req.at_least as usize == n) {
            (false, true) => format!("all of: {}", list.join(", ")),
            (false, false) => {
                format!("at least {} of: {}", req.at_least, list.join(", "))
            }
            (true, true) => {
                format!("必须包含以下全部 {n} 类：{}", list.join("；"))
            }
            (true, false) => format!(
                "以下 {n} 类中至少包含 {} 类：{}",
                req.at_least,
                list.join("；")
            ),
        });
    }
    for &(i, m) in &rules.min_counts {
        let c = &rules.classes[i];
        let what = class_words(&c.name, &c.set, lang);
        out.push(if zh {
            format!("至少 {m} 个{what}")
        } else {
            format!("at least {m} of {what}")
        });
    }
    out.push(if zh {
        format!("只允许这些字符：{}", open::render(&rules.alphabet, lang))
    } else {
        format!(
            "only these characters are allowed: {}",
            open::render(&rules.alphabet, lang)
        )
    });
    if !rules.forbidden_first.is_empty() {
        out.push(edge_sentence(&rules.forbidden_first, Edge::First, lang));
    }
    if !rules.forbidden_last.is_empty() {
        out.push(edge_sentence(&rules.forbidden_last, Edge::Last, lang));
    }
    if let Some(u) = username
        && (u.contains || u.reversed || u.consecutive.is_some())
    {
        out.push(username_sentence(u, lang));
    }
    if let Some(u) = username {
        out.extend(rules::username_sentences(u, lang));
    }
    if let Some(m) = rules.max_run {
        out.push(if zh {
            format!("同一字符最多连续出现 {m} 次")
        } else {
            format!("no character more than {m} times in a row")
        });
    }
    if !rules.dictionary.is_empty() {
        out.push(rules::dictionary_sentence(rules.dictionary.len(), lang));
    }
    if !rules.deny.is_empty() {
        let n = rules.deny.len();
        out.push(if zh {
            format!("不能是策略列出的 {n} 个禁用值之一")
        } else {
            format!("must not be one of the {n} values the policy refuses")
        });
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    First,
    Last,
}

/// "must not start with /", "must not end with any of: . -".
fn edge_sentence(set: &CharSet, edge: Edge, lang: Lang) -> String {
    let s = render_set(set);
    match (lang, edge) {
        (Lang::Zh, Edge::First) => format!("不能以 {s} 开头"),
        (Lang::Zh, Edge::Last) => format!("不能以 {s} 结尾"),
        (_, edge) => {
            let verb = if edge == Edge::First { "start" } else { "end" };
            let any = if set.len() == 1 { "" } else { "any of: " };
            format!("must not {verb} with {any}{s}")
        }
    }
}

fn length_sentence(l: &LengthFacts, lang: Lang) -> String {
    let unit = unit_words(l.unit, lang);
    match (lang, l.max) {
        (Lang::Zh, Some(max)) if max == l.min => {
            format!("长度恰为 {max} {unit}")
        }
        (Lang::Zh, Some(max)) => format!("长度 {}–{max} {unit}", l.min),
        (Lang::Zh, None) => format!("长度至少 {} {unit}", l.min),
        (_, Some(max)) if max == l.min => format!("exactly {max} {unit}"),
        (_, Some(max)) => format!("{}–{max} {unit}", l.min),
        (_, None) => format!("at least {} {unit}", l.min),
    }
}

fn unit_words(unit: LengthUnit, lang: Lang) -> &'static str {
    match (unit, lang) {
        (LengthUnit::Chars, Lang::Zh) => "个字符",
        (LengthUnit::Bytes, Lang::Zh) => "个字节（UTF-8）",
        (LengthUnit::Utf16, Lang::Zh) => "个 UTF-16 码元",
        (LengthUnit::Graphemes, Lang::Zh) => "个字形",
        (LengthUnit::Chars, _) => "characters",
        (LengthUnit::Bytes, _) => "bytes (UTF-8)",
        (LengthUnit::Utf16, _) => "UTF-16 code units",
        (LengthUnit::Graphemes, _) => "graphemes",
    }
}

fn username_sentence(u: &UsernameFacts, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let names = if u.names.is_empty() {
        if zh { "（调用时给出的）".to_string() } else { String::new() }
    } else if zh {
        format!("（{}）", u.names.join("、"))
    } else {
        format!(" ({})", u.names.join(", "))
    };
    let what = match (u.contains, u.reversed, zh) {
        (true, true, false) => "the user name or it spelled backwards",
        (false, true, false) => "the user name spelled backwards",
        (_, _, false) => "the user name",
        (true, true, true) => "用户名或其倒序",
        (false, true, true) => "用户名的倒序",
        (_, _, true) => "用户名",
    };
    let case = match (u.case_sensitive, zh) {
        (true, false) => "case-sensitive",
        (false, false) => "ignoring case",
        (true, true) => "区分大小写",
        (false, true) => "不区分大小写",
    };
    let run = match (u.consecutive, u.reversed, zh) {
        (None, _, _) => String::new(),
        (Some(n), false, false) => {
            format!(", nor any {n} consecutive characters of it")
        }
        (Some(n), true, false) => format!(
            ", nor any {n} consecutive characters of it or of it spelled \
             backwards"
        ),
        (Some(n), false, true) => {
            format!("，也不能包含其中任意 {n} 个连续字符")
        }
        (Some(n), true, true) => {
            format!("，也不能包含其本身或倒序中任意 {n} 个连续字符")
        }
    };
    if zh {
        format!("不能包含{what}{names}{run}，{case}")
    } else {
        format!("must not contain {what}{names}{run}, {case}")
    }
}

/// A class in words: built-in classes by what they are, others by name,
/// each followed by its characters.
fn class_words(name: &str, set: &CharSet, lang: Lang) -> String {
    let word = match (name, lang) {
        ("lower", Lang::Zh) => "小写字母",
        ("upper", Lang::Zh) => "大写字母",
        ("letters", Lang::Zh) => "字母",
        ("digits", Lang::Zh) => "数字",
        ("ascii_punctuation", Lang::Zh) => "ASCII 标点",
        ("ascii_printable", Lang::Zh) => "可打印 ASCII 字符",
        ("lower", _) => "lowercase",
        ("upper", _) => "uppercase",
        ("letters", _) => "letters",
        ("digits", _) => "digits",
        ("ascii_punctuation", _) => "ASCII punctuation",
        ("ascii_printable", _) => "printable ASCII",
        (other, _) => other,
    };
    format!("{word} {}", open::render(set, lang))
}

/// The characters of a set, space-separated, runs of three or more
/// letters or digits (or of more than 16 characters) as `a–z`; invisible characters (space, controls) as `U+0020`, so the text
/// is unambiguous.
pub(crate) fn render_set(set: &CharSet) -> String {
    let one = |c: char| -> String {
        if crate::verdict::is_invisible(c) {
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

/// Sentences for the policy file's metadata.
fn fact_sentences(v: &VariantExplanation, lang: Lang) -> Vec<String> {
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    if let Some(code) = &v.vendor_error_code {
        out.push(if zh {
            format!("厂商错误码：{code}")
        } else {
            format!("vendor error code {code}")
        });
    }
    if let Some(api) = &v.api {
        let mut parts = Vec::new();
        let fields = [
            (&api.action, "action", "操作"),
            (&api.version, "version", "版本"),
            (&api.endpoint, "endpoint", "端点"),
            (&api.parameter, "parameter", "参数"),
        ];
        for (value, en, cn) in fields {
            if let Some(value) = value {
                parts.push(if zh {
                    format!("{cn} {value}")
                } else {
                    format!("{en} {value}")
                });
            }
        }
        if !parts.is_empty() {
            out.push(if zh {
                format!("API：{}", parts.join("，"))
            } else {
                format!("API: {}", parts.join(", "))
            });
        }
    }
    if let Some(l) = &v.limits {
        if let Some(n) = l.batch {
            out.push(match (zh, n) {
                (true, _) => format!("每个请求最多 {n} 个实例"),
                (false, 1) => "one instance per request".to_string(),
                (false, _) => format!("up to {n} instances per request"),
            });
        }
        if let Some(n) = l.username_max_length {
            out.push(if zh {
                format!("用户名最长 {n} 个字符")
            } else {
                format!("user names up to {n} characters")
            });
        }
        if let Some(n) = l.requests_per_second {
            out.push(if zh {
                format!("每秒最多 {n} 个请求")
            } else {
                format!("at most {n} requests per second")
            });
        }
        if let Some(m) = &l.mixed_batch {
            out.push(if zh {
                format!("混合批次：{m}")
            } else {
                format!("mixed batches: {m}")
            });
        }
    }
    if !v.accounts.is_empty() {
        out.push(if zh {
            format!("默认账户：{}", v.accounts.join("、"))
        } else {
            format!("default accounts: {}", v.accounts.join(", "))
        });
    }
    if let Some(s) = &v.source {
        let updated = match (&s.updated, zh) {
            (Some(u), false) => format!(" (updated {u})"),
            (Some(u), true) => format!("（更新于 {u}）"),
            (None, _) => String::new(),
        };
        out.push(if zh {
            format!("来源：{}{updated}", s.url)
        } else {
            format!("source: {}{updated}", s.url)
        });
        out.extend(provenance_sentences(s, lang));
    }
    out
}

/// When and where the rule was read, how well it is established, and what
/// it leaves out.
fn provenance_sentences(s: &SourceSpec, lang: Lang) -> Vec<String> {
    use crate::spec::Verification;
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    if let Some(date) = &s.read {
        let place = match (&s.read_in, zh) {
            (Some(p), false) => format!(" in {p}"),
            (Some(p), true) => format!("，见 {p}"),
            (None, _) => String::new(),
        };
        out.push(if zh {
            format!("规则读取于 {date}{place}")
        } else {
            format!("rule read on {date}{place}")
        });
    }
    if let Some(v) = s.verification {
        out.push(match (v, zh) {
            (Verification::Verified, false) => {
                "verification: verified (read in the vendor's own text or code)"
            }
            (Verification::Partly, false) => {
                "verification: partly verified (the core rule read; some bounds are not)"
            }
            (Verification::Unverified, false) => {
                "verification: unverified (not found in any stored source)"
            }
            (Verification::Verified, true) => "核实：已核实（读自厂商本身的文档或代码）",
            (Verification::Partly, true) => "核实：部分核实（核心规则已读到，部分界限未读到）",
            (Verification::Unverified, true) => "核实：未核实（未见于任何存档来源）",
        }
        .to_string());
    }
    for gap in &s.gaps {
        out.push(if zh {
            format!("未建模的厂商规则（通过本检查的密码仍可能被拒绝）：{gap}")
        } else {
            format!("known gap (a password accepted here may still be refused): {gap}")
        });
    }
    out
}

/// What every combined variant requires at once, from the combined form.
fn combine(sel: &Selection, lang: Lang) -> CombinedExplanation {
    let zh = lang == Lang::Zh;
    let policies = sel.labels();
    let b = sel.length;
    let length = b.comparable.then_some(LengthFacts {
        min: b.min,
        max: (b.max != u32::MAX).then_some(b.max),
        unit: b.unit,
    });
    let alphabet = &sel.alphabet;
    let first = &sel.forbidden_first;
    let last = &sel.forbidden_last;
    let max_run = sel.max_run;

    let mut rules = Vec::new();
    match &length {
        Some(l) => rules.push(length_sentence(l, lang)),
        None => {
            let each: Vec<String> = sel
                .targets
                .iter()
                .map(|t| {
                    let l = length_sentence(&length_facts(t.rules()), lang);
                    format!("{}: {l}", t.label())
                })
                .collect();
            rules.push(if zh {
                format!("长度（单位不同，各自满足）：{}", each.join("；"))
            } else {
                format!(
                    "length in different units, each must hold: {}",
                    each.join("; ")
                )
            });
        }
    }
    rules.push(if zh {
        format!("只允许每个策略都允许的字符：{}", open::render(alphabet, lang))
    } else {
        format!(
            "only characters every policy allows: {}",
            open::render(alphabet, lang)
        )
    });
    if !first.is_empty() {
        rules.push(edge_sentence(first, Edge::First, lang));
    }
    if !last.is_empty() {
        rules.push(edge_sentence(last, Edge::Last, lang));
    }
    if let Some(m) = max_run {
        rules.push(if zh {
            format!("同一字符最多连续出现 {m} 次")
        } else {
            format!("no character more than {m} times in a row")
        });
    }
    rules.push(if zh {
        "并满足上面每个策略各自的字符类别和用户名要求".to_string()
    } else {
        "and each policy's own class and user-name requirements above"
            .to_string()
    });
    CombinedExplanation {
        policies,
        length,
        alphabet: alphabet.ranges().to_vec(),
        forbidden_first: first.chars().collect(),
        forbidden_last: last.chars().collect(),
        max_run,
        rules,
    }
}

mod open;
mod params;
mod rules;
mod text;

pub use params::ParameterFacts;

#[cfg(test)]
mod tests;

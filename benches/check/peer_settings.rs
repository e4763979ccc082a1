//! libpwquality and passwdqc settings as close to a seed policy as those
//! tools can say, with what they cannot.
//!
//! Both count four classes (lower, upper, digits, other) and bytes. Neither
//! has a closed alphabet or a forbidden first character; libpwquality has no
//! maximum length. So the peers do less work than passpolicy per check,
//! which makes the ratios conservative. Dictionaries are off in both
//! (`dictcheck=0`, `match=0`), as DESIGN.md section 6 specifies.

use passpolicy::Rules;

/// `pwquality.conf` options for `rules`.
pub fn pwquality(rules: &Rules) -> Vec<String> {
    let min_class = rules.classes_required.as_ref().map_or(0, |r| r.at_least);
    vec![
        // libpwquality refuses minlen below 6.
        format!("minlen={}", rules.length.min.max(6)),
        format!("minclass={}", min_class.min(4)),
        // Credits off: minlen is then a plain length.
        "dcredit=0".into(),
        "ucredit=0".into(),
        "lcredit=0".into(),
        "ocredit=0".into(),
        "dictcheck=0".into(),
        "usercheck=0".into(),
        "maxrepeat=0".into(),
        "maxsequence=0".into(),
        "maxclassrepeat=0".into(),
        "gecoscheck=0".into(),
    ]
}

/// `passwdqc.conf` options for `rules`: `min=N0,N1,N2,N3,N4` gives the
/// minimum length for passwords of 1, 2 and 3 and 4 classes (N2 is for
/// passphrases, off here); a class count below the policy's K is disabled.
/// passwdqc requires the list to be non-increasing, so N2 follows N1 when
/// two classes are enough.
pub fn passwdqc(rules: &Rules) -> Vec<String> {
    let k = rules.classes_required.as_ref().map_or(1, |r| r.at_least);
    let min = rules.length.min.max(1);
    let n = |classes: u32| {
        if classes >= k { min.to_string() } else { "disabled".to_string() }
    };
    let n2 = if k <= 2 { min.to_string() } else { "disabled".to_string() };
    let max = rules.length.max.clamp(min.max(8) + 1, 10_000);
    vec![
        format!("min={},{},{},{},{}", n(1), n(2), n2, n(3), n(4)),
        format!("max={max}"),
        "passphrase=0".into(),
        "match=0".into(),
        "similar=permit".into(),
    ]
}

//! The policy file's metadata in sentences: vendor error code, API,
//! limits, accounts, source and provenance.

use super::VariantExplanation;
use crate::message::Lang;
use crate::spec::SourceSpec;

/// Sentences for the policy file's metadata.
pub(super) fn fact_sentences(
    v: &VariantExplanation,
    lang: Lang,
) -> Vec<String> {
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
pub(super) fn provenance_sentences(s: &SourceSpec, lang: Lang) -> Vec<String> {
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

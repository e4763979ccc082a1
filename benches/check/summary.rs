//! After the run: read criterion's medians back, print the ratios, and
//! write `passpolicy-summary.json` for `scripts/bench-report.sh`.
//!
//! Only estimates written during this run are read (by modification time),
//! so a filtered run never mixes in figures from an older one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde_json::{Value, json};

pub struct Summary {
    dir: PathBuf,
    started: SystemTime,
    allocations: BTreeMap<String, f64>,
    /// (policy, shape, peer) → whether the peer accepted the input.
    peer_verdicts: BTreeMap<String, bool>,
    /// (policy, shape, length, accepted by passpolicy).
    versus: Vec<(String, String, usize, bool)>,
}

const PEERS: [&str; 3] = ["regex", "libpwquality", "passwdqc"];

impl Summary {
    pub fn new(dir: &Path) -> Summary {
        Summary {
            dir: dir.to_path_buf(),
            started: SystemTime::now(),
            allocations: BTreeMap::new(),
            peer_verdicts: BTreeMap::new(),
            versus: Vec::new(),
        }
    }

    pub fn allocations(&mut self, id: &str, per_call: f64) {
        self.allocations.insert(id.to_string(), per_call);
    }

    pub fn peer_verdict(
        &mut self,
        policy: &str,
        shape: &str,
        peer: &str,
        accepted: bool,
    ) {
        self.peer_verdicts
            .insert(format!("versus/{policy}/{peer}/{shape}"), accepted);
    }

    pub fn versus(&mut self, policy: &str, shape: &str, len: usize, ok: bool) {
        self.versus.push((policy.into(), shape.into(), len, ok));
    }

    pub fn finish(self) {
        let medians = read_medians(&self.dir, self.started);
        if medians.is_empty() {
            return; // `--test` mode or a filter that matched nothing.
        }
        let mut ratios = Vec::new();
        println!("\nRatios (peer median / passpolicy median; >1 = slower):");
        for (policy, shape, len, _) in &self.versus {
            let base = format!("versus/{policy}/passpolicy/{shape}/{len}");
            let Some(&ours) = medians.get(&base) else { continue };
            let mut line =
                format!("  {policy:<24} {shape:<8} passpolicy {ours:>8.1} ns");
            for peer in PEERS {
                let id = format!("versus/{policy}/{peer}/{shape}/{len}");
                if let Some(&theirs) = medians.get(&id) {
                    let ratio = theirs / ours;
                    line += &format!("  {peer} ×{ratio:.1}");
                    ratios.push(json!({
                        "policy": policy, "shape": shape, "length": len,
                        "peer": peer, "passpolicy_ns": ours,
                        "peer_ns": theirs, "ratio": ratio,
                        "peer_accepted": self.peer_verdicts.get(
                            &format!("versus/{policy}/{peer}/{shape}")),
                    }));
                }
            }
            println!("{line}");
        }
        let mut all_five = Vec::new();
        for shape in ["accepted", "rejected"] {
            let single = medians
                .get(&format!("check/tencent-cvm-v2/windows/{shape}/16"));
            let all = medians.get(&format!("check/all-five/{shape}/16"));
            if let (Some(&s), Some(&a)) = (single, all) {
                println!(
                    "  all five seed policies, {shape}/16: {a:.1} ns = \
                     ×{:.2} tencent-cvm-v2/windows ({s:.1} ns)",
                    a / s
                );
                all_five.push(json!({
                    "shape": shape, "all_ns": a, "single_ns": s,
                    "ratio": a / s,
                }));
            }
        }
        let most = self.allocations.values().copied().fold(0.0, f64::max);
        println!(
            "  allocations per check: at most {most} over {} inputs",
            self.allocations.len()
        );
        let out = json!({
            "medians_ns": medians,
            "ratios": ratios,
            "all_five": all_five,
            "allocations_per_check": self.allocations,
            "peer_accepted": self.peer_verdicts,
        });
        let path = self.dir.join("passpolicy-summary.json");
        let text = serde_json::to_string_pretty(&out).expect("plain JSON");
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {e}", path.display());
        } else {
            println!("  summary written to {}", path.display());
        }
    }
}

/// Median (ns) of every benchmark whose estimates were written since
/// `since`, by criterion's full id (`group/function/value`).
fn read_medians(dir: &Path, since: SystemTime) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "new") {
                    if let Some((id, ns)) = read_one(&path, since) {
                        out.insert(id, ns);
                    }
                } else if path.file_name().is_none_or(|n| n != "report") {
                    stack.push(path);
                }
            }
        }
    }
    out
}

fn read_one(new: &Path, since: SystemTime) -> Option<(String, f64)> {
    let estimates = new.join("estimates.json");
    let modified = std::fs::metadata(&estimates).ok()?.modified().ok()?;
    if modified < since {
        return None;
    }
    let bench: Value = serde_json::from_slice(
        &std::fs::read(new.join("benchmark.json")).ok()?,
    )
    .ok()?;
    let est: Value =
        serde_json::from_slice(&std::fs::read(estimates).ok()?).ok()?;
    let id = bench.get("full_id")?.as_str()?.to_string();
    let ns = est.get("median")?.get("point_estimate")?.as_f64()?;
    Some((id, ns))
}

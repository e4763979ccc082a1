//! Pre-flight: check a password against the vendor's rule *before* the API
//! call, so a bad password fails fast, with every reason and the vendor's
//! own error code, instead of failing a provisioning run half-way.
//!
//! The vendor SDK is mocked; the shape is that of Tencent Cloud CVM's
//! `ResetInstancesPassword` (legacy API), which takes up to 100 instance
//! ids and one password, and applies the Windows rule to a batch that
//! mixes Linux and Windows instances.
//!
//! Run with `cargo run --example preflight`.

use std::error::Error;

use passpolicy::{Catalog, Checker, Lang};

/// A stand-in for the vendor SDK client.
#[derive(Debug, Default)]
struct MockCvmClient {
    calls: usize,
}

impl MockCvmClient {
    /// What the real SDK would send over the network.
    fn reset_instances_password(
        &mut self,
        instance_ids: &[&str],
        _password: &str,
    ) -> Result<(), String> {
        self.calls += 1;
        println!("  API call: ResetInstancesPassword for {instance_ids:?}");
        Ok(())
    }
}

/// Why a reset was not attempted, or failed.
#[derive(Debug)]
enum ResetError {
    /// The vendor would refuse the password: every reason, in the vendor's
    /// terms. Never contains the password.
    Refused { vendor_code: Option<String>, reasons: Vec<String> },
    /// More instances than one request may name.
    TooManyInstances { given: usize, limit: u32 },
    /// The (mock) API failed.
    Api(String),
}

impl std::fmt::Display for ResetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ResetError::Refused { vendor_code, reasons } => {
                write!(
                    f,
                    "not sent: the vendor would answer {}",
                    vendor_code.as_deref().unwrap_or("with an error")
                )?;
                for r in reasons {
                    write!(f, "\n    {r}")?;
                }
                Ok(())
            }
            ResetError::TooManyInstances { given, limit } => write!(
                f,
                "not sent: {given} instances, one request takes at most {limit}"
            ),
            ResetError::Api(e) => write!(f, "the API failed: {e}"),
        }
    }
}

impl Error for ResetError {}

/// Checks the request against the policy, then calls the API.
fn reset_password(
    client: &mut MockCvmClient,
    checker: &Checker,
    batch_limit: Option<u32>,
    instance_ids: &[&str],
    password: &str,
) -> Result<(), ResetError> {
    if let Some(limit) = batch_limit
        && instance_ids.len() > limit as usize
    {
        return Err(ResetError::TooManyInstances {
            given: instance_ids.len(),
            limit,
        });
    }
    // Allocation-free; the verdict is one `Copy` word.
    let verdict = checker.check(password);
    if !verdict.is_ok() {
        // The details are measured again from the password, only now.
        let violations = checker.violations(password);
        return Err(ResetError::Refused {
            vendor_code: violations
                .iter()
                .find_map(|v| v.vendor_code.map(str::to_string)),
            reasons: violations
                .iter()
                .map(|v| {
                    format!("{} {}: {}", v.policy, v.code, v.message(Lang::En))
                })
                .collect(),
        });
    }
    client
        .reset_instances_password(instance_ids, password)
        .map_err(ResetError::Api)
}

fn main() -> Result<(), Box<dyn Error>> {
    let catalog = Catalog::builtin();
    // The batch mixes Linux and Windows instances: naming the policy
    // without a variant makes both rules hold, which is the vendor's
    // mixed-batch rule (Windows, the stricter).
    let checker = catalog.checker(&["tencent-cvm-v2"])?;
    let batch_limit = catalog
        .get("tencent-cvm-v2")
        .and_then(|p| p.metadata().limits.as_ref())
        .and_then(|l| l.batch);
    let instances = ["ins-linux01", "ins-win0001"];
    let mut client = MockCvmClient::default();

    // In a real tool the password comes from a secret store or a prompt,
    // never from the command line; these stand in for it.
    let candidates = ["/Abc123xyz", "Abc123!@#xyzQ"];
    for (i, password) in candidates.iter().enumerate() {
        println!("candidate {}:", i + 1);
        match reset_password(
            &mut client,
            &checker,
            batch_limit,
            &instances,
            password,
        ) {
            Ok(()) => println!("  password set"),
            Err(e) => println!("  {e}"),
        }
    }

    let too_many: Vec<&str> = (0..101).map(|_| "ins-00000000").collect();
    let r = reset_password(
        &mut client,
        &checker,
        batch_limit,
        &too_many,
        "Abc123!@#xyzQ",
    );
    if let Err(e) = r {
        println!("101 instances: {e}");
    }

    // Only the compliant password and the valid batch reached the API.
    assert_eq!(client.calls, 1);
    Ok(())
}

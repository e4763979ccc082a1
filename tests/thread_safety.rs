//! Every public type is `Send + Sync` (the crate docs' "Thread safety"
//! section says so): checked at compile time, so a change that makes one
//! of them lose either (an `Rc`, a `Cell`, a raw pointer) fails to build
//! here rather than in a user's program or a binding.

use passpolicy::spec;
use passpolicy::*;

fn send_sync<T: Send + Sync + ?Sized>() {}

#[test]
fn every_public_type_is_send_and_sync() {
    send_sync::<Catalog>();
    send_sync::<CharSet>();
    send_sync::<Checker>();
    send_sync::<CheckerBuilder>();
    send_sync::<Error>();
    send_sync::<Location>();
    send_sync::<Problem>();
    send_sync::<ClassFacts>();
    send_sync::<ClassesFacts>();
    send_sync::<CombinedExplanation>();
    send_sync::<Explanation>();
    send_sync::<LengthFacts>();
    send_sync::<MinCountFacts>();
    send_sync::<UsernameFacts>();
    send_sync::<VariantExplanation>();
    send_sync::<Count>();
    send_sync::<Generator<'static>>();
    send_sync::<OwnedGenerator>();
    send_sync::<Password>();
    send_sync::<Sampler<'static>>();
    send_sync::<Lang>();
    send_sync::<Class>();
    send_sync::<ClassesRequired>();
    send_sync::<Length>();
    send_sync::<Policy>();
    send_sync::<Rules>();
    send_sync::<UsernameRule>();
    send_sync::<Variant>();
    send_sync::<LengthUnit>();
    send_sync::<Code>();
    send_sync::<Detail<'static>>();
    send_sync::<Verdict>();
    send_sync::<Violation<'static>>();
    send_sync::<spec::PolicySpec>();
    send_sync::<spec::ApiSpec>();
    send_sync::<spec::SourceSpec>();
    send_sync::<spec::LimitsSpec>();
    send_sync::<spec::ClassSpec>();
    send_sync::<spec::LengthSpec>();
    send_sync::<spec::ClassesRequiredSpec>();
    send_sync::<spec::UsernameSpec>();
    send_sync::<spec::RulesSpec>();
    send_sync::<spec::VariantSpec>();
    send_sync::<spec::NoteSpec>();
}

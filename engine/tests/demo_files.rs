//! The demo centre's files are fixed: the seeded generator must write the
//! same bytes after any change to how it writes them (the app's first start,
//! the e2e tests and the README's figures all rest on them). The fingerprints
//! (length and 64-bit FNV-1a) were taken from the generator as it was before
//! its text writing was made faster (2026-12-03); a change to the demo's
//! *content* must update them on purpose.

use callcalc_engine::demo::{self, DemoCentre};

/// FNV-1a, 64 bit (Fowler, Noll, Vo): a fingerprint, not a security hash.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

fn print(name: &str, text: &str) -> (usize, u64) {
    let f = (text.len(), fnv1a(text.as_bytes()));
    eprintln!("{name}: ({}, {:#018x})", f.0, f.1);
    f
}

#[test]
fn the_default_demo_files_are_the_reference_bytes() {
    let f = demo::demo_files(&DemoCentre::default());
    let got =
        [print("interval_report", &f.interval_report), print("cdr", &f.cdr), print("agent_report", &f.agent_report)];
    assert_eq!(
        got,
        [(5_082_516, 0x66df_4cf1_b8c9_fc6c), (10_753_687, 0xabe9_4cd4_da85_4728), (105_932, 0x0df5_81a2_a23a_c670)]
    );
}

#[test]
fn another_centre_is_the_reference_bytes() {
    // Another seed, a start across a year end, a fractional scale, few agents.
    let c = DemoCentre { seed: 7, start: (2023, 12, 27), volume_scale: 1.7, agents: 13 };
    let got = [
        print("interval_report", &demo::interval_report_csv(&c, 9)),
        print("cdr", &demo::cdr_csv(&c, 9)),
        print("agent_report", &demo::agent_report_csv(&c, 9)),
    ];
    assert_eq!(
        got,
        [(125_821, 0x2431_e6c0_187e_adeb), (2_826_289, 0xf93b_e5db_b868_92e2), (10_981, 0x7672_6bcf_de19_ee4f)]
    );
}

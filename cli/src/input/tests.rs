use super::*;

/// Every record of `input`, split with `separator`, reading through a
/// reader that returns at most `step` bytes per call (so records are cut
/// at every possible block edge).
fn split_step(
    input: &[u8],
    separator: u8,
    step: usize,
) -> Vec<Result<Vec<u8>, Oversized>> {
    struct Trickle<'a>(&'a [u8], usize);
    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(self.0.len()).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let mut records = Records::new(Trickle(input, step), separator);
    let mut out = Vec::new();
    while let Some(r) = records.next_record().expect("in memory") {
        out.push(match r {
            Record::Password(p) => Ok(p.to_vec()),
            Record::Oversized(o) => Err(o),
        });
    }
    out
}

/// As [`split_step`], checking that small and whole-block reads agree.
/// (Small reads of a long record make every read move the carried-over
/// record, so long inputs use an odd step of a few KiB instead.)
fn split(input: &[u8], separator: u8) -> Vec<Result<Vec<u8>, Oversized>> {
    let steps: &[usize] = if input.len() > 1000 {
        &[4093, 7919, BLOCK, usize::MAX]
    } else {
        &[1, 3, 7, BLOCK]
    };
    let first = split_step(input, separator, steps[0]);
    for &step in &steps[1..] {
        assert_eq!(first, split_step(input, separator, step), "step {step}");
    }
    first
}

fn ok(records: &[&[u8]]) -> Vec<Result<Vec<u8>, Oversized>> {
    records.iter().map(|r| Ok(r.to_vec())).collect()
}

#[test]
fn splits_like_the_contract_says() {
    assert_eq!(
        split(b"a\nbb\r\n\nccc", b'\n'),
        ok(&[b"a", b"bb", b"", b"ccc"])
    );
    // A `\r` is removed only before a newline separator.
    assert_eq!(split(b"x\r", b'\n'), ok(&[b"x\r"]));
    assert_eq!(split(b"b\rc\n", b'\n'), ok(&[b"b\rc"]));
    assert_eq!(split(b"a\r\0b\0", 0), ok(&[b"a\r", b"b"]));
    assert_eq!(split(b"a\r\n\0b\0", 0), ok(&[b"a\r\n", b"b"]));
    assert!(split(b"", b'\n').is_empty());
    assert_eq!(split(b"\n", b'\n'), ok(&[b""]));
}

#[test]
fn find_agrees_with_a_plain_search() {
    let hay: Vec<u8> = (0..300u32).map(|i| (i * 37 % 251) as u8).collect();
    for from in 0..40 {
        for byte in [0u8, b'\n', 0x80, 0xFF, 1, 37] {
            let h = &hay[from..];
            let plain = h.iter().position(|&b| b == byte);
            assert_eq!(find(byte, h), plain, "from {from} byte {byte}");
        }
    }
    assert_eq!(find(b'\n', b"abcdefgh\nabcdefg\n"), Some(8));
    assert_eq!(find(b'\n', b"\x0b\x0a"), Some(1));
    assert_eq!(find(b'\n', b""), None);
}

#[test]
fn the_limit_is_inclusive() {
    let mut input = vec![b'x'; MAX_RECORD_BYTES];
    input.extend_from_slice(b"\r\n");
    input.extend(vec![b'y'; MAX_RECORD_BYTES + 1]);
    input.extend_from_slice(b"\r\nok");
    let got = split(&input, b'\n');
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].as_ref().map(Vec::len), Ok(MAX_RECORD_BYTES));
    let n = MAX_RECORD_BYTES as u64 + 1;
    assert_eq!(
        got[1],
        Err(Oversized { bytes: n, chars: n, utf16: n, invalid_at: None })
    );
    assert_eq!(got[2], Ok(b"ok".to_vec()));
}

#[test]
fn a_record_longer_than_a_block_is_measured_not_kept() {
    let mut input = vec![b'x'; 3 * BLOCK + 5];
    input.push(b'\n');
    input.extend_from_slice(b"yz");
    let n = 3 * BLOCK as u64 + 5;
    assert_eq!(
        split(&input, b'\n'),
        [
            Err(Oversized { bytes: n, chars: n, utf16: n, invalid_at: None }),
            Ok(b"yz".to_vec())
        ]
    );
    // The buffer did not grow with it.
    let mut records = Records::new(&input[..], b'\n');
    while records.next_record().unwrap().is_some() {}
    assert!(records.buf.len() <= MAX_RECORD_BYTES + 2 + BLOCK);
}

#[test]
fn oversized_records_are_measured_exactly() {
    // 'é' (2 bytes), '€' (3), '😀' (4 bytes, 2 UTF-16 units).
    let unit = "aé€😀";
    let reps = 2 * MAX_RECORD_BYTES / unit.len();
    let mut input = unit.repeat(reps).into_bytes();
    input.extend_from_slice(b"\r\nnext\n");
    let got = split(&input, b'\n');
    let r = reps as u64;
    assert_eq!(
        got[0],
        Err(Oversized {
            bytes: 10 * r,
            chars: 4 * r,
            utf16: 5 * r,
            invalid_at: None
        })
    );
    assert_eq!(got[1], Ok(b"next".to_vec()));
}

#[test]
fn invalid_utf8_in_an_oversized_record_is_found() {
    for (bad, at) in [
        (&b"\xff"[..], 0),
        (b"\xed\xa0\x80", 0),  // a surrogate, as WTF-8
        (b"a\xe2\x82", 1),     // truncated by the end of the record
        (b"\xf0\x9f\x98x", 0), // truncated by an ASCII byte
    ] {
        for before in [MAX_RECORD_BYTES - 2, MAX_RECORD_BYTES + 7, 3 * BLOCK] {
            let mut input = vec![b'x'; before];
            let offset = before as u64 + at;
            input.extend_from_slice(bad);
            input.extend(vec![b'y'; 10]);
            input.extend_from_slice(b"\nnext");
            let got = split(&input, b'\n');
            let Err(o) = got[0] else { panic!("{bad:?} not oversized") };
            assert_eq!(o.invalid_at, Some(offset), "{bad:?} after {before}");
            assert_eq!(got[1], Ok(b"next".to_vec()));
        }
    }
}

#[test]
fn a_truncated_sequence_before_crlf_is_invalid() {
    let mut input = vec![b'x'; MAX_RECORD_BYTES + 7];
    let offset = input.len() as u64;
    input.extend_from_slice(b"\xe2\x82\r\n");
    let got = split(&input, b'\n');
    let Err(o) = got[0] else { panic!("not oversized") };
    assert_eq!(o.invalid_at, Some(offset));
    assert_eq!(o.bytes, offset + 2);
}

/// The buffer that holds passwords is never reallocated (a reallocation
/// frees the old block unwiped): records cut by every read edge, carried
/// over again and again, up to the longest kept record and past it, leave
/// it at the same address and size until it is wiped on drop.
#[test]
fn the_buffer_is_never_reallocated() {
    let mut input = Vec::new();
    for len in [0, 1, 11, 4093, BLOCK - 1, BLOCK, MAX_RECORD_BYTES, 70_000] {
        input.extend(std::iter::repeat_n(b'p', len));
        input.extend(b"\r\n");
    }
    input.extend(b"typed, no trailing newline");
    struct Trickle<'a>(&'a [u8], usize);
    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(self.0.len()).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    for step in [7, 4093, BLOCK - 3, BLOCK, usize::MAX] {
        let mut records = Records::new(Trickle(&input, step), b'\n');
        let (at, len) = (records.buf.as_ptr(), records.buf.len());
        let mut n = 0;
        while records.next_record().unwrap().is_some() {
            n += 1;
            assert_eq!(records.buf.as_ptr(), at, "step {step}, record {n}");
            assert_eq!(records.buf.len(), len, "step {step}, record {n}");
        }
        assert_eq!(n, 9, "step {step}");
    }
}

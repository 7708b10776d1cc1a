//! Which delimiter a file uses, when none is given: the header and the
//! next 20 records are cut with each candidate (`,` `;` tab `|`); the one
//! that gives them all the same field count, above one, wins; more fields
//! beat fewer; ties go to the earlier candidate; none → `,`.

use csv_core::ReadRecordResult;

/// The delimiters tried when none is given, in tie-breaking order.
const DELIMITER_CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];
/// Records (the header included) that decide the delimiter.
const SNIFF_RECORDS: usize = 21;
/// The most bytes held back while detecting the delimiter.
pub(super) const SNIFF_CAP: usize = 16 << 20;

/// Field counts of the first records of `buf` cut with `delimiter`; the
/// partial record at the end counts only when `last`.
fn field_counts(buf: &[u8], delimiter: u8, last: bool) -> Vec<usize> {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; 8192];
    let mut ends = vec![0usize; 256];
    let mut counts = Vec::new();
    let mut fields = 0usize;
    let mut input = buf;
    // Each iteration consumes input or ends a record; the guard only keeps a
    // bug from ever becoming an endless loop.
    for _ in 0..(buf.len() * 2 + 64) {
        let (res, nin, _, nend) = rdr.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        fields += nend;
        match res {
            ReadRecordResult::InputEmpty => {
                if !last {
                    break;
                }
            }
            ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
            ReadRecordResult::Record => {
                counts.push(fields);
                fields = 0;
                if counts.len() == SNIFF_RECORDS {
                    break;
                }
            }
            ReadRecordResult::End => break,
        }
    }
    counts
}

/// The delimiter by the spec's rule, or `None` while more input could still
/// change the answer.
pub(super) fn detect_delimiter(buf: &[u8], last: bool) -> Option<u8> {
    let all: Vec<Vec<usize>> = DELIMITER_CANDIDATES
        .iter()
        .map(|&d| field_counts(buf, d, last))
        .collect();
    if !last && all.iter().any(|c| c.len() < SNIFF_RECORDS) {
        return None;
    }
    let mut best: Option<(u8, usize)> = None;
    for (&d, counts) in DELIMITER_CANDIDATES.iter().zip(&all) {
        let Some(&n) = counts.first() else { continue };
        if n > 1 && counts.iter().all(|&c| c == n) && best.is_none_or(|(_, m)| n > m) {
            best = Some((d, n));
        }
    }
    Some(best.map_or(b',', |(d, _)| d))
}

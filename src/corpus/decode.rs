//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM (or, detected, without),
//! legacy single-byte encodings (Windows-1252 / Latin-1 …) guessed with `chardetng`.
//! Line endings become `\n`; every later offset points into the text returned here.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decoded text and how it was obtained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line endings normalised to `\n`, NUL and other C0 controls (except tab and
    /// newline) removed.
    pub text: String,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252` …).
    pub encoding: &'static str,
    /// True when some bytes were invalid and replaced with U+FFFD.
    pub had_errors: bool,
}

/// Why bytes could not be read as text at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Looks like a binary file (many NUL or control bytes, no UTF-16 pattern).
    #[error("binary content ({control_percent}% control bytes), not text")]
    Binary {
        /// Share of NUL/control bytes in the first 8 KiB.
        control_percent: u32,
    },
}

/// Decodes `bytes` to text, detecting the encoding.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(finish(encoding, &bytes[bom_len..]));
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return Ok(finish(encoding, bytes));
    }
    let control_percent = control_percent(bytes);
    if control_percent >= 10 {
        return Err(DecodeError::Binary { control_percent });
    }
    if std::str::from_utf8(bytes).is_ok() {
        return Ok(finish(UTF_8, bytes));
    }
    // Mostly UTF-8 with a few bad bytes: keep UTF-8 (lossy) rather than guess a legacy
    // encoding for the whole file.
    let (valid, invalid) = count_utf8_sequences(bytes);
    if valid >= 3 && valid >= 2 * invalid {
        return Ok(finish(UTF_8, bytes));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"fr"), false);
    Ok(finish(guess, bytes))
}

/// [`decode`] for bytes the caller owns: valid UTF-8 (the usual case) becomes the text
/// without a copy or a second validation. Same result as `decode(&bytes)`.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let is_plain = Encoding::for_bom(&bytes).is_none()
        && utf16_without_bom(&bytes).is_none()
        && control_percent(&bytes) < 10;
    if !is_plain {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: normalise_owned(text),
            encoding: UTF_8.name(),
            had_errors: false,
        }),
        Err(e) => decode(e.as_bytes()),
    }
}

/// Share of NUL and other control bytes in the first 8 KiB, in percent.
fn control_percent(bytes: &[u8]) -> u32 {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| matches!(b, 0x00..=0x08 | 0x0e..=0x1a | 0x1c..=0x1f))
        .count();
    u32::try_from(controls * 100 / sample.len().max(1)).unwrap_or(100)
}

/// Counts well-formed multi-byte UTF-8 characters and invalid sequences: many of the
/// former and few of the latter mean a UTF-8 file with some damage.
fn count_utf8_sequences(bytes: &[u8]) -> (usize, usize) {
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let (mut valid, mut invalid) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => return (valid + non_ascii(s), invalid),
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good).map_or(0, non_ascii);
                invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
            }
        }
    }
}

/// UTF-16 without a BOM shows NUL in every other byte for Latin text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nuls * 10 >= pairs * 6 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 6 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Nothing for [`normalise`] to change: no C0 control but tab and newline, no byte that
/// could start U+FEFF. The usual case, checked at memory speed.
fn is_clean(text: &str) -> bool {
    // branch-free over blocks so the compiler vectorises it
    text.as_bytes().chunks(64).all(|block| {
        block.iter().fold(true, |ok, &b| {
            ok & (((b >= 0x20) & (b != 0xEF)) | (b == b'\n') | (b == b'\t'))
        })
    })
}

/// [`normalise`] without a copy when nothing changes.
fn normalise_owned(text: String) -> String {
    if is_clean(&text) {
        text
    } else {
        normalise(&text)
    }
}

fn finish(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: normalise(&text),
        encoding: encoding.name(),
        had_errors,
    }
}

/// `\r\n` and lone `\r` → `\n`; NUL and other C0 controls except tab/newline dropped;
/// a stray BOM inside the text dropped.
pub fn normalise(text: &str) -> String {
    if is_clean(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            '\u{feff}' => {}
            c if c.is_control() && (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Délégation à Moscou".as_bytes()).unwrap();
        assert_eq!(plain.text, "Délégation à Moscou");
        assert_eq!(plain.encoding, "UTF-8");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Région".as_bytes());
        assert_eq!(decode(&bom).unwrap().text, "Région");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Séminaire à Paris, le 4 juin";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut le_bom = vec![0xFF, 0xFE];
        le_bom.extend_from_slice(&le);
        let mut be_bom = vec![0xFE, 0xFF];
        be_bom.extend_from_slice(&be);
        for bytes in [&le_bom, &be_bom, &le, &be] {
            assert_eq!(decode(bytes).unwrap().text, text);
        }
    }

    #[test]
    fn windows_1252_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("La délégation française s’est rendue à Irkoutsk en été, très intéressée.");
        let decoded = decode(&bytes).unwrap();
        assert!(
            decoded.text.contains("délégation française s’est rendue"),
            "{}",
            decoded.text
        );
        assert!(!decoded.had_errors);
    }

    #[test]
    fn owned_decoding_agrees_with_borrowed() {
        let samples: Vec<Vec<u8>> = vec![
            "Délégation à Moscou\r\nfin".as_bytes().to_vec(),
            "plain text\n".as_bytes().to_vec(),
            vec![0xEF, 0xBB, 0xBF, b'a'],
            vec![0xFF, 0xFE, b'a', 0],
            b"caf\xe9 \xe0 Moscou, d\xe9l\xe9gation".to_vec(),
            (0..2000u32).map(|i| (i % 7) as u8).collect(),
            "a\u{feff}b".as_bytes().to_vec(),
        ];
        for bytes in samples {
            assert_eq!(decode_owned(bytes.clone()), decode(&bytes));
        }
    }

    #[test]
    fn line_endings_are_normalised() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap().text, "a\nb\nc\n");
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i % 7) as u8).collect();
        assert!(matches!(decode(&bytes), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = "Délégation économique à Moscou, coopération, région, été."
            .as_bytes()
            .to_vec();
        bytes.insert(5, 0xFF);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.had_errors);
        assert!(decoded.text.contains("coopération"));
    }
}

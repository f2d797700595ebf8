//! QR codes on printed handouts, leading back to the web page. The code is
//! drawn here as one SVG path of strokes; partials/qr.html puts it on the page.

use std::sync::Arc;

use serde::Serialize;

use crate::render::memo::Memo;

/// The modules of a QR code for `text`, and its width.
///
/// `QrCode::new` tries all eight masks and scores each, which made QR codes
/// 90% of a build's time; every mask gives a valid code that phones read, so
/// one fixed mask is used.
fn qr_modules(text: &str) -> Option<(Vec<qrcode::Color>, usize)> {
    use qrcode::EcLevel;
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EcLevel::M).ok()?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec) = qrcode::ec::construct_codewords(&data, version, EcLevel::M).ok()?;
    let mut canvas = qrcode::canvas::Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    canvas.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
    Some((canvas.into_colors(), usize::try_from(version.width()).ok()?))
}

/// QR codes drawn once per address, however many handouts show them; `serve`
/// keeps one across edits, so re-rendering an area's handout redraws none.
#[derive(Default)]
pub struct QrCodes(Memo<String, Qr>);

impl QrCodes {
    pub fn code(&self, text: &str) -> Option<Arc<Qr>> {
        self.0.get_or_make(text.to_string(), || {
            let (modules, width) = qr_modules(text)?;
            let (strokes, size) = qr_path(&modules, width);
            Some(Qr { text: text.to_string(), size, strokes })
        })
    }
}

/// One QR code: the text it holds, the side of its square in modules (with
/// the quiet zone the standard asks for) and its dark modules as SVG path
/// data to stroke one module wide (named so, not `path`, so a theme's copy of
/// an older qr.html that filled `path` fails loudly instead of printing a blank square).
#[derive(Debug, Serialize)]
pub struct Qr {
    pub text: String,
    pub size: usize,
    pub strokes: String,
}

const QUIET: usize = 4;

/// Runs of dark modules as strokes one module wide along each row's middle:
/// a row starts with `M x y.5`, each later run of the row moves along it with
/// `m gap 0`, and `h n` draws the run. A handout shows a QR code for every
/// practice on it, so a code is most of a handout's bytes: this is less than
/// half the size of a filled rectangle per run. Also returns the side with
/// the quiet zone.
fn qr_path(colors: &[qrcode::Color], width: usize) -> (String, usize) {
    let mut d: Vec<u8> = Vec::with_capacity(width * width * 5 / 4);
    for (y, row) in colors.chunks_exact(width.max(1)).enumerate() {
        // Where the pen is on this row, once a run of it is drawn.
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while let Some(start) = row[x..].iter().position(|c| *c == qrcode::Color::Dark).map(|n| x + n) {
            x = row[start..].iter().position(|c| *c != qrcode::Color::Dark).map_or(width, |n| start + n);
            match pen {
                None => {
                    d.push(b'M');
                    number(&mut d, start + QUIET);
                    d.push(b' ');
                    number(&mut d, y + QUIET);
                    d.extend_from_slice(b".5");
                }
                Some(at) => {
                    d.push(b'm');
                    number(&mut d, start - at);
                    d.extend_from_slice(b" 0");
                }
            }
            d.push(b'h');
            number(&mut d, x - start);
            pen = Some(x);
        }
    }
    (String::from_utf8(d).unwrap_or_default(), width + 2 * QUIET)
}

/// Writes `n` in decimal. A path has hundreds of runs, each with two or three
/// numbers below 200: `write!` made numbers three quarters of a code's cost.
fn number(d: &mut Vec<u8>, n: usize) {
    match n {
        0..=9 => d.push(b'0' + n as u8),
        10..=99 => d.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]),
        100..=999 => d.extend_from_slice(&[b'0' + (n / 100) as u8, b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8]),
        _ => d.extend_from_slice(n.to_string().as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qr_path_has_the_quiet_zone() {
        let code = qrcode::QrCode::new(b"https://example.org/").unwrap();
        let (d, size) = qr_path(&code.to_colors(), code.width());
        assert_eq!(size, code.width() + 8);
        assert!(d.starts_with("M4 4.5h7m"), "finder pattern first: {d}");
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 100, 177, 999, 1000, 12345] {
            let mut d = Vec::new();
            number(&mut d, n);
            assert_eq!(String::from_utf8(d).unwrap(), n.to_string());
        }
    }

    #[test]
    fn codes_are_drawn_once_per_address() {
        let codes = QrCodes::default();
        let a = codes.code("https://example.org/a/").unwrap();
        let b = codes.code("https://example.org/a/").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.size % 2, 1, "a QR code's side is odd: {}", a.size);
    }
}

//! Query strings: the editing API's few parameters, decoded as browsers
//! encode them (`URLSearchParams`: `+` for a space, percent escapes).

use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The value of `name` in the query `q`, decoded.
pub fn param(q: Option<&str>, name: &str) -> Option<String> {
    q?.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(k) == name).then(|| decode(v))
    })
}

fn decode(s: &str) -> String {
    percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
}

/// For a value put in a query.
pub fn encode(s: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');
    utf8_percent_encode(s, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn params_decode_as_browsers_encode() {
        let q = Some("file=content%2Fa+b.md&lang=es&x");
        assert_eq!(super::param(q, "file").as_deref(), Some("content/a b.md"));
        assert_eq!(super::param(q, "lang").as_deref(), Some("es"));
        assert_eq!(super::param(q, "x").as_deref(), Some(""));
        assert_eq!(super::param(q, "y"), None);
    }
}

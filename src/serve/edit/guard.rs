//! Who may use the editing API. Any web page the editor visits can send
//! requests to 127.0.0.1, so a request must show it comes from the preview's
//! own pages: the secret they carry (made at start-up, never in a URL), and
//! no `Origin`, `Referer` or `Sec-Fetch-Site` that names another site. The
//! Host header was checked before (see `listen::Hosts`). No CORS header is
//! ever sent, so a browser lets no other origin read an answer, and the
//! secret header makes every cross-origin `fetch` ask first (a preflight
//! the preview refuses).

use axum::http::{HeaderMap, Method, header};

pub const SECRET_HEADER: &str = "x-practica-secret";

/// A fresh secret: 32 random bytes as hex.
///
/// From the operating system's generator through `getrandom` (already built
/// for other crates): it works the same on Linux, macOS and Windows, where
/// reading /dev/urandom would not, and never hands out a guessable value.
pub fn new_secret() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no random numbers from the system: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Why a request to the API is refused, if it is.
pub fn refuses(headers: &HeaderMap, method: &Method, secret: &str) -> Option<&'static str> {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let own = format!("http://{}", host.to_ascii_lowercase());
    if let Some(origin) = headers.get(header::ORIGIN)
        && origin.to_str().map(|o| o.to_ascii_lowercase()).ok().as_deref() != Some(own.as_str())
    {
        return Some("only the preview's own pages may edit the guide (the request came from another site)");
    }
    if let Some(referer) = headers.get(header::REFERER) {
        let r = referer.to_str().unwrap_or_default().to_ascii_lowercase();
        if !(r == own || r.starts_with(&format!("{own}/"))) {
            return Some("only the preview's own pages may edit the guide (the request came from another page)");
        }
    }
    if let Some(site) = headers.get("sec-fetch-site")
        && !matches!(site.to_str(), Ok("same-origin" | "none"))
    {
        return Some("only the preview's own pages may edit the guide (the browser says it came from another site)");
    }
    let given = headers.get(SECRET_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
    if !same(given, secret.as_bytes()) {
        return Some("this request does not carry the preview's secret; open the page from the preview and try again");
    }
    if *method == Method::POST && !json_or_bytes(headers) {
        return Some("the editing API takes JSON (Content-Type: application/json)");
    }
    None
}

/// Whether a write names a body a cross-origin form cannot send: JSON, or
/// raw bytes for an image. Forms send only text/plain, urlencoded and
/// multipart without asking first.
fn json_or_bytes(headers: &HeaderMap) -> bool {
    let essence = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    essence == "application/json" || essence == "application/octet-stream" || essence.starts_with("image/")
}

/// Whether a JSON body was sent (image uploads are checked for their own type).
pub fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

/// Compares in time that does not depend on where the texts first differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_the_previews_own_pages_with_the_secret_pass() {
        let s = new_secret().unwrap();
        assert_eq!(s.len(), 64);
        assert_ne!(s, new_secret().unwrap());
        let ok = [("host", "127.0.0.1:1111"), (SECRET_HEADER, s.as_str()), ("content-type", "application/json")];
        assert_eq!(refuses(&headers(&ok), &Method::POST, &s), None);
        let mut same_page = ok.to_vec();
        same_page.extend([("origin", "http://127.0.0.1:1111"), ("referer", "http://127.0.0.1:1111/__practica/edit")]);
        same_page.push(("sec-fetch-site", "same-origin"));
        assert_eq!(refuses(&headers(&same_page), &Method::POST, &s), None);
        for (k, v) in [
            ("origin", "http://127.0.0.1:2222"),
            ("origin", "null"),
            ("referer", "http://127.0.0.1:1111.evil.example/"),
            ("referer", "http://localhost:1111/"),
            ("sec-fetch-site", "cross-site"),
            ("sec-fetch-site", "same-site"),
        ] {
            let mut h = ok.to_vec();
            h.push((k, v));
            assert!(refuses(&headers(&h), &Method::POST, &s).is_some(), "{k}: {v}");
        }
        let wrong = [("host", "127.0.0.1:1111"), (SECRET_HEADER, "0"), ("content-type", "application/json")];
        assert!(refuses(&headers(&wrong), &Method::POST, &s).is_some());
        let none = [("host", "127.0.0.1:1111"), ("content-type", "application/json")];
        assert!(refuses(&headers(&none), &Method::GET, &s).is_some());
        for form in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
            let h = [("host", "127.0.0.1:1111"), (SECRET_HEADER, s.as_str()), ("content-type", form)];
            assert!(refuses(&headers(&h), &Method::POST, &s).is_some(), "{form}");
        }
    }
}

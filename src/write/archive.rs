//! A set of files as one zip archive, in memory: the offline edition's
//! download. The same files make the same bytes (sorted entries, fixed
//! times), so an unchanged guide publishes an unchanged download.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::diagnostic::{Code, Diagnostic};
use crate::render::OutFile;

/// The archive of `files`, each under the folder `top` (so that unpacking it
/// makes one folder, not a spray of files).
pub fn zip(top: &str, files: &[OutFile]) -> Result<Vec<u8>, Diagnostic> {
    let failed = |e: &dyn std::fmt::Display| {
        Diagnostic::error(
            Code::Output,
            "offline_download",
            0,
            format!("the offline edition's zip file could not be made: {e}"),
        )
        .with_help("build without offline_download: true in guide.yaml, and report this as a bug")
    };
    let refused: Vec<(&str, &str)> =
        files.iter().filter_map(|f| Some((f.path.as_str(), unsafe_name(&f.path)?))).collect();
    if let Some((path, why)) = refused.first() {
        // A name may hold a line break: shown as a symbol, not as a new line.
        let name = |p: &str| crate::diagnostic::printable(p, false).into_owned();
        let mut others: Vec<String> = refused[1..].iter().take(5).map(|(p, _)| format!("`{}`", name(p))).collect();
        if refused.len() > 6 {
            others.push(format!("{} more", refused.len() - 6));
        }
        let others = if others.is_empty() { String::new() } else { format!(" ({} too)", others.join(", ")) };
        // Pages get safe names from their slugs: a refused name is a file copied as it is.
        return Err(Diagnostic::error(
            Code::UnsafeName,
            format!("static/{path}"),
            0,
            format!("the offline edition's zip file cannot hold a file named `{}`: {why}", name(path)),
        )
        .with_help(format!(
            "rename the file in static/ (or the theme's static/){others}, using letters, digits, `-`, `_` and `.`; \
             or build without offline_download: true in guide.yaml"
        )));
    }
    let mut sorted: Vec<&OutFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for f in sorted {
        // PDFs and images are compressed already; deflating them again only costs time.
        let method = if is_compressed(&f.path) { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        zip.start_file(format!("{top}/{}", f.path), options).map_err(|e| failed(&e))?;
        zip.write_all(&f.bytes).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}

/// Why a site path (`img/a.png`) cannot be a name in a zip that must unpack
/// the same everywhere: on Windows `\\` is a folder separator (so
/// `sub\\..\\..\\evil.txt` unpacks outside the folder), a drive letter or `:`
/// names another place, and control characters, `<>"|?*` and device names
/// (`con`, `nul`, `com1`) do not unpack at all.
pub fn unsafe_name(path: &str) -> Option<&'static str> {
    if path.contains('\\') {
        return Some("`\\` separates folders on Windows, where unpacking could write outside the folder");
    }
    if path.contains(':') {
        return Some("`:` names a drive or a hidden stream on Windows");
    }
    if path.chars().any(char::is_control) {
        return Some("it holds a line break, a tab or another control character");
    }
    if path.contains(['<', '>', '"', '|', '?', '*']) {
        return Some("Windows does not allow `<`, `>`, `\"`, `|`, `?` or `*` in a file name");
    }
    for part in path.split('/') {
        let stem = part.split('.').next().unwrap_or_default().trim_end().to_ascii_lowercase();
        let device = matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
            || ((stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit());
        if device {
            return Some("Windows keeps that name for a device");
        }
        if part.ends_with(['.', ' ']) {
            return Some("Windows drops a dot or space at the end of a name, so it unpacks as another file");
        }
    }
    None
}

fn is_compressed(path: &str) -> bool {
    let ext = path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    matches!(ext.as_str(), "pdf" | "png" | "jpg" | "jpeg" | "gif" | "webp" | "zip" | "woff" | "woff2" | "gz")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_unpack_wrongly_somewhere_are_refused() {
        for bad in [
            "sub\\..\\..\\evil.txt",
            "c:evil.txt",
            "img/C:/x.png",
            "line\nbreak.txt",
            "tab\t.txt",
            "what?.txt",
            "con.txt",
            "files/LPT1",
            "trailing.",
        ] {
            assert!(unsafe_name(bad).is_some(), "{bad:?}");
        }
        for good in
            ["img/map.svg", "docs/Annual report 2026.pdf", "café.txt", "console.txt", "com10.txt", ".well-known/x"]
        {
            assert_eq!(unsafe_name(good), None, "{good:?}");
        }
        let files = [
            OutFile { path: "index.html".into(), bytes: Vec::new() },
            OutFile { path: "sub\\..\\..\\evil.txt".into(), bytes: Vec::new() },
        ];
        let e = zip("guide-offline", &files).unwrap_err();
        assert_eq!((e.code, e.file.to_str()), (Code::UnsafeName, Some("static/sub\\..\\..\\evil.txt")));
    }

    #[test]
    fn the_same_files_make_the_same_archive_under_one_folder() {
        let files = |order: [usize; 2]| {
            let all = [
                OutFile { path: "index.html".into(), bytes: b"<p>home</p>".to_vec() },
                OutFile { path: "handouts/a/handout.pdf".into(), bytes: b"%PDF-1.4".to_vec() },
            ];
            order.map(|i| all[i].clone()).to_vec()
        };
        let a = zip("guide-offline", &files([0, 1])).unwrap();
        assert_eq!(a, zip("guide-offline", &files([1, 0])).unwrap());
        let mut z = zip::ZipArchive::new(Cursor::new(a)).unwrap();
        let names: Vec<&str> = z.file_names().collect();
        assert_eq!(names.len(), 2);
        let mut home = String::new();
        std::io::Read::read_to_string(&mut z.by_name("guide-offline/index.html").unwrap(), &mut home).unwrap();
        assert_eq!(home, "<p>home</p>");
        assert_eq!(z.by_name("guide-offline/handouts/a/handout.pdf").unwrap().compression(), CompressionMethod::Stored);
    }
}

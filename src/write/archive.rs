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

fn is_compressed(path: &str) -> bool {
    let ext = path.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    matches!(ext.as_str(), "pdf" | "png" | "jpg" | "jpeg" | "gif" | "webp" | "zip" | "woff" | "woff2" | "gz")
}

#[cfg(test)]
mod tests {
    use super::*;

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

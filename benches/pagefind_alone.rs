//! How much memory Pagefind's in-process index takes by itself: the records of
//! a site practica built are read back from its search bundle's fragments
//! (the same URL, text, meta and filters practica added) and added to a new
//! index in a process that does nothing else, with the same allocator and
//! with transparent huge pages off, as practica runs; then the index's files
//! are built, as a build does. Prints the peak memory (VmHWM).
//!
//! ```text
//! cargo run --release --example pagefind_alone -- OUT/pagefind
//! ```
//!
//! OUT is a site practica built with one index (not `--search-shards`). A
//! benchmark, not a test: it answers whether a memory goal for a build with
//! search is below what Pagefind needs on its own.

use std::collections::BTreeMap;
use std::io::Read;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

type Record = (String, String, BTreeMap<String, String>, BTreeMap<String, Vec<String>>);

fn main() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let Some(bundle) = std::env::args().nth(1) else {
        eprintln!("usage: pagefind_alone OUT/pagefind");
        std::process::exit(2);
    };
    let records = match read_records(&format!("{bundle}/fragment")) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{bundle}/fragment: {e}");
            std::process::exit(1);
        }
    };
    let count = records.len();
    let before = memory("VmRSS");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    let files = runtime.block_on(async move {
        let options = pagefind::options::PagefindServiceConfig::builder().build();
        let mut index = pagefind::api::PagefindIndex::new(Some(options)).expect("a Pagefind index");
        for (url, content, meta, filters) in records {
            let language = "en".to_string();
            index.add_custom_record(url, content, language, Some(meta), Some(filters), None).await.expect("a record");
        }
        index.get_files().await.expect("the index's files").len()
    });
    println!("{count} records, {files} files; memory before the index {before} MB, peak {} MB", memory("VmHWM"));
}

/// Every fragment's record: a fragment is gzipped `pagefind_dcd` + JSON.
fn read_records(dir: &str) -> std::io::Result<Vec<Record>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(entry?.path())?).read_to_end(&mut text)?;
        let json = text.strip_prefix(b"pagefind_dcd").unwrap_or(&text);
        let f: serde_json::Value = serde_json::from_slice(json).map_err(std::io::Error::other)?;
        let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
        let meta = serde_json::from_value(f["meta"].clone()).unwrap_or_default();
        let filters = serde_json::from_value(f["filters"].clone()).unwrap_or_default();
        out.push((text("url"), text("content"), meta, filters));
    }
    Ok(out)
}

fn memory(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status.lines().find(|l| l.starts_with(key)).and_then(|l| l.split_whitespace().nth(1));
    kb.and_then(|v| v.parse::<u64>().ok()).unwrap_or(0) / 1024
}

//! "Last updated" dates: for a guide kept in git, the date of the last
//! commit that changed each content file. One `git log` for every file (a
//! process per file would cost seconds at ten thousand pages), started
//! before the content is read so the two run side by side.
//!
//! Without git, or outside a repository, there are no dates and nothing is
//! said. In a shallow clone (CI's default checkout) the history stops early
//! and every date would be wrong, so none are shown and the build says how
//! to fetch the whole history.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic};

/// The dates of a `git log` started with [`start`], once it has finished.
pub struct Pending {
    log: Child,
}

/// Starts `git log` in `root`, or returns why there will be no dates:
/// `Ok(None)` when the guide is not in a git repository (or git is missing),
/// `Err` with a warning for a shallow clone.
pub fn start(root: &Path) -> Result<Option<Pending>, Diagnostic> {
    let shallow = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-shallow-repository"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    let Ok(shallow) = shallow else { return Ok(None) };
    if !shallow.status.success() {
        return Ok(None);
    }
    if String::from_utf8_lossy(&shallow.stdout).trim() == "true" {
        return Err(Diagnostic::warning(
            Code::ShallowHistory,
            "git",
            0,
            "the guide is in a shallow clone of its git repository, so pages show no \"Last updated\" dates: the history is cut short and the dates would be wrong",
        )
        .with_help(
            "fetch the whole history before building: git fetch --unshallow, or in GitHub Actions give actions/checkout `fetch-depth: 0`",
        ));
    }
    let log = Command::new("git")
        .arg("-C")
        .arg(root)
        // Paths as they are (not quoted octal escapes), relative to the guide's folder.
        .args(["-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--relative"])
        .args(["--", "content"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    Ok(log.ok().map(|log| Pending { log }))
}

impl Pending {
    /// Each file's last change, by its path from the guide's folder
    /// (`content/about.md`). Empty if git failed.
    pub fn dates(self) -> HashMap<String, NaiveDate> {
        match self.log.wait_with_output() {
            Ok(out) if out.status.success() => parse(&String::from_utf8_lossy(&out.stdout)),
            _ => HashMap::new(),
        }
    }
}

/// `git log --format=%x00%cs --name-only` output: newest commit first, so
/// the first date seen for a file is its last change.
fn parse(log: &str) -> HashMap<String, NaiveDate> {
    let mut dates = HashMap::new();
    for commit in log.split('\0').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(date) = lines.next().and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok()) else {
            continue;
        };
        for file in lines.map(str::trim).filter(|l| !l.is_empty()) {
            dates.entry(file.to_string()).or_insert(date);
        }
    }
    dates
}

/// A content file renamed in a commit, or staged to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// Paths under content/ (`practices/a/old.md`).
    pub from: String,
    pub to: String,
    /// The commit's time (seconds); later than any commit for a staged rename.
    pub when: i64,
}

/// The content files git saw renamed, in commits and staged, oldest first.
/// Empty without git or outside a repository.
pub fn renames(root: &Path) -> Vec<Rename> {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["-c", "core.quotePath=false"])
            .args(args)
            .args(["--", "content"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    };
    let mut out =
        parse_renames(&git(&["log", "-M", "--diff-filter=R", "--name-status", "--format=%x00%ct", "--relative"]));
    let staged = git(&["diff", "--cached", "-M", "--diff-filter=R", "--name-status", "--relative"]);
    out.extend(parse_renames(&format!("\0{}\n{staged}", i64::MAX)));
    out.sort_by_key(|r| r.when);
    out
}

/// `--name-status` lines (`R097\tcontent/a.md\tcontent/b.md`) after each
/// `\0<time>` line.
fn parse_renames(log: &str) -> Vec<Rename> {
    let mut out = Vec::new();
    for commit in log.split('\0').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(when) = lines.next().and_then(|t| t.trim().parse::<i64>().ok()) else { continue };
        for line in lines {
            let mut cols = line.split('\t');
            let (Some(status), Some(from), Some(to)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let under = |p: &str| p.strip_prefix("content/").filter(|p| p.ends_with(".md")).map(str::to_string);
            if let (true, Some(from), Some(to)) = (status.starts_with('R'), under(from), under(to)) {
                out.push(Rename { from, to, when });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_are_read_from_name_status_lines() {
        let log = "\u{0}1700000000\n\nR100\tcontent/a/old.md\tcontent/a/new.md\nR090\tstatic/x.png\tstatic/y.png\n";
        assert_eq!(
            parse_renames(log),
            [Rename { from: "a/old.md".into(), to: "a/new.md".into(), when: 1_700_000_000 }]
        );
    }

    #[test]
    fn the_newest_commit_of_a_file_gives_its_date() {
        let log = "\u{0}2026-03-02\n\ncontent/a.md\n\u{0}2026-01-15\n\ncontent/a.md\ncontent/b é.md\n";
        let d = parse(log);
        assert_eq!(d["content/a.md"], NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        assert_eq!(d["content/b é.md"], NaiveDate::from_ymd_opt(2026, 1, 15).unwrap());
        assert_eq!(d.len(), 2);
    }
}

//! The preview as tests/edit.rs drives it: started on a copy of a fixture,
//! with its secret read from one of its own pages, and raw HTTP requests.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::common::copy_fixture;
use crate::common::server::spawn;

/// The day the previews take for today, as `check` does (PRACTICA_TODAY).
pub const TODAY: &str = "2026-12-07";

pub struct Preview {
    child: Child,
    pub addr: String,
    dir: tempfile::TempDir,
    pub secret: Option<String>,
    pub said: Vec<String>,
}

pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

impl Preview {
    pub fn start(extra: &[&str]) -> Preview {
        Preview::start_with(|_| {}, extra)
    }

    pub fn start_with(setup: impl FnOnce(&Path), extra: &[&str]) -> Preview {
        Preview::start_on("basic", setup, extra)
    }

    pub fn start_on(fixture: &str, setup: impl FnOnce(&Path), extra: &[&str]) -> Preview {
        let dir = copy_fixture(fixture);
        setup(dir.path());
        let mut args = vec!["serve", "--root", dir.path().to_str().unwrap(), "--port", "0", "--no-search"];
        args.extend_from_slice(extra);
        let started = spawn(&args, &[("PRACTICA_TODAY", TODAY)], Stdio::null());
        let said = started.said;
        let mut p = Preview { child: started.child, addr: started.addr, dir, secret: None, said };
        let shell = p.request("GET", "/__practica/status", &[], b"");
        p.secret = shell.body.split("name=\"practica-secret\" content=\"").nth(1).map(|s| s[..64].to_string());
        p
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn request(&self, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        s.write_all(head.as_bytes()).unwrap();
        s.write_all(body).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        Answer { status, head: head.to_ascii_lowercase(), body: body.to_string() }
    }

    /// An API request as the preview's own pages make it.
    pub fn api(&self, method: &str, what: &str, body: Option<Value>) -> Answer {
        let secret = self.secret.clone().expect("editing is on");
        let origin = format!("http://{}", self.addr);
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let headers =
            [("X-Practica-Secret", secret.as_str()), ("Origin", origin.as_str()), ("Content-Type", "application/json")];
        self.request(method, &format!("/__practica/api/{what}"), &headers, body.as_bytes())
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines that differ, old against new, by position.
pub fn differing(a: &str, b: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('\n').collect(), b.split('\n').collect());
    (0..a.len().max(b.len()))
        .filter(|&i| a.get(i) != b.get(i))
        .map(|i| (a.get(i).unwrap_or(&"").to_string(), b.get(i).unwrap_or(&"").to_string()))
        .collect()
}

/// `git` in the guide's folder, as an editor with a name.
pub fn git(root: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success(), "git {args:?}");
}

//! `practica serve` on a copy of a fixture guide, for the tests that use the
//! preview as an editor does.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::*;

pub struct Server {
    pub child: Child,
    pub addr: String,
    pub base: String,
    pub dir: tempfile::TempDir,
    /// What serve prints after the address line.
    pub lines: Receiver<String>,
}

/// `practica serve` as started by [`spawn`], once it says where it serves.
pub struct Started {
    pub child: Child,
    /// `127.0.0.1:port`.
    pub addr: String,
    /// The guide's path under it (`/guides/peer/`).
    pub base: String,
    /// What it prints after the address line.
    pub lines: Receiver<String>,
    /// What it printed up to the address line.
    pub said: Vec<String>,
}

/// Starts the binary with `args` and `env`, and waits for its "Serving" line.
pub fn spawn(args: &[&str], env: &[(&str, &str)], stderr: Stdio) -> Started {
    let mut child = Command::new(env!("CARGO_BIN_EXE_practica"))
        .args(args)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        // Keep reading after the address is found: a closed pipe would
        // make the server's next status line fail.
        for line in stdout.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut said = Vec::new();
    while let Ok(line) = lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        said.push(line.clone());
        if let Some(url) = line.strip_prefix("Serving http://") {
            let url = url.split_whitespace().next().unwrap();
            let (addr, base) = url.split_at(url.find('/').unwrap());
            return Started { child, addr: addr.to_string(), base: base.to_string(), lines, said };
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("serve did not print its address: {said:?}");
}

impl Server {
    pub fn start(extra: &[&str]) -> Server {
        Server::start_with(|_| {}, extra)
    }

    /// A server on a copy of the fixture changed by `setup` first.
    pub fn start_with(setup: impl FnOnce(&Path), extra: &[&str]) -> Server {
        let dir = copy_fixture("basic");
        setup(dir.path());
        let mut args = vec!["serve", "--root", dir.path().to_str().unwrap(), "--port", "0"];
        args.extend_from_slice(extra);
        let started = spawn(&args, &[], Stdio::piped());
        Server { child: started.child, addr: started.addr, base: started.base, dir, lines: started.lines }
    }

    /// The next status line starting with `prefix`, within `wait`.
    pub fn line_starting(&self, prefix: &str, wait: Duration) -> Option<String> {
        let deadline = Instant::now() + wait;
        while let Ok(l) = self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            if l.trim_start().starts_with(prefix) {
                return Some(l);
            }
        }
        None
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A raw GET, so paths reach the server exactly as written.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    pub fn page(&self, rel: &str) -> String {
        let (status, _, body) = self.get(&format!("{}{rel}", self.base));
        assert_eq!(status, 200, "{rel}");
        body
    }

    /// Events as the page's script receives them: (type, data as JSON).
    pub fn events(&self) -> Receiver<(String, String)> {
        self.events_since(None)
    }

    /// The live-reload channel as a page served from build `since` opens it.
    pub fn events_since(&self, since: Option<&str>) -> Receiver<(String, String)> {
        let query = since.map(|n| format!("?since={n}")).unwrap_or_default();
        let (mut socket, _) =
            tungstenite::connect(format!("ws://{}/__practica/events{query}", self.addr)).expect("the live channel");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(message) = socket.read() {
                let tungstenite::Message::Text(text) = message else { continue };
                let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                let kind = v["type"].as_str().unwrap_or_default().to_string();
                let data = match &v["data"] {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                if tx.send((kind, data)).is_err() {
                    break;
                }
            }
        });
        // Let the subscription reach the server before anything changes.
        std::thread::sleep(Duration::from_millis(300));
        rx
    }

    pub fn stop(mut self) -> i32 {
        Command::new("kill").args(["-INT", &self.child.id().to_string()]).status().unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "serve did not stop on Ctrl+C");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

//! Accepting connections for the preview, safely.
//!
//! - Only requests addressed to this machine are answered: a web page the
//!   editor visits could otherwise read the preview by pointing a name of its
//!   own at 127.0.0.1 (DNS rebinding). The Host header must be a loopback
//!   name or address, the address the server was bound to, this machine's host
//!   name, or a name given with `--allow-host`.
//! - A client has a few seconds to send its request headers, so half-open
//!   connections cannot pile up, and Ctrl+C ends the server within a second or
//!   two whatever is still connected.

use std::net::IpAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// How long a client may take to send its request headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// How long open connections get to finish after Ctrl+C.
const DRAIN: Duration = Duration::from_millis(800);

/// The names the Host header may carry.
#[derive(Debug, Clone)]
pub struct Hosts {
    bind: IpAddr,
    names: Vec<String>,
}

impl Hosts {
    /// For a server bound to `bind`, with `extra` names allowed by the user.
    pub fn new(bind: IpAddr, extra: &[String]) -> Hosts {
        let mut names: Vec<String> =
            extra.iter().map(|n| n.trim().trim_end_matches('.').to_ascii_lowercase()).collect();
        if !bind.is_loopback()
            && let Some(host) = machine_name()
        {
            names.push(host.to_ascii_lowercase());
        }
        Hosts { bind, names }
    }

    /// Whether a request with this Host header (`name`, `name:port`, `[v6]:port`) may be answered.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let name = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or_default().to_string(),
            None => host
                .rsplit_once(':')
                .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
                .map_or(host.clone(), |(n, _)| n.to_string()),
        };
        let name = name.trim_end_matches('.');
        if name == "localhost" || name.ends_with(".localhost") {
            return true;
        }
        if let Ok(ip) = name.parse::<IpAddr>() {
            // An address cannot be rebound to another machine; only the ones
            // this server listens on are expected.
            return ip.is_loopback() || ip == self.bind || self.bind.is_unspecified();
        }
        self.names.iter().any(|n| n == name)
    }
}

impl Hosts {
    /// Why this server may not answer `req`, if it may not.
    /// Every name the request carries must be allowed: a second Host header
    /// (one client reads the first, a proxy the last) and the host of an
    /// absolute-form target (`GET http://evil.example/ HTTP/1.1`), which
    /// HTTP/1.1 says wins over the Host header.
    pub fn refuses<B>(&self, req: &Request<B>) -> Option<String> {
        let mut names: Vec<String> = Vec::new();
        for h in req.headers().get_all(header::HOST) {
            names.push(h.to_str().map(str::to_string).unwrap_or_else(|_| String::from_utf8_lossy(h.as_bytes()).into()));
        }
        if names.len() > 1 {
            return Some(format!(
                "practica serve answers only requests with one Host header, and this one has {}: {}\n",
                names.len(),
                names.join(", ")
            ));
        }
        if let Some(authority) = req.uri().authority() {
            names.push(authority.as_str().rsplit('@').next().unwrap_or_default().to_string());
        }
        let host = names.into_iter().find(|n| !self.allows(n))?;
        Some(format!(
            "practica serve answers only requests addressed to this computer, and `{host}` is not one of its names; \
             to allow it, start the preview with --allow-host {host}\n"
        ))
    }
}

fn machine_name() -> Option<String> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())?;
    let name = name.trim().to_string();
    (!name.is_empty()).then_some(name)
}

fn forbidden(text: String) -> Response<Body> {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = StatusCode::FORBIDDEN;
    r.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}

/// Serves `app` on `listener` until `stop` turns true; open connections then
/// get a moment to finish and are closed.
pub async fn serve(listener: TcpListener, app: Router, hosts: Hosts, mut stop: watch::Receiver<bool>) {
    let mut connections = tokio::task::JoinSet::new();
    loop {
        let stopping = async {
            let _ = stop.wait_for(|s| *s).await;
        };
        let accepted = tokio::select! {
            a = listener.accept() => a,
            () = stopping => break,
        };
        let Ok((stream, _)) = accepted else { continue };
        let (app, hosts, mut stop) = (app.clone(), hosts.clone(), stop.clone());
        connections.spawn(async move {
            let service = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
                let (app, hosts) = (app.clone(), hosts.clone());
                async move {
                    match hosts.refuses(&req) {
                        Some(why) => Ok(forbidden(why)),
                        None => app.oneshot(req.map(Body::new)).await,
                    }
                }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
            // Upgrades carry the live-reload WebSocket.
            let conn = builder.serve_connection(TokioIo::new(stream), service).with_upgrades();
            tokio::pin!(conn);
            let stopping = async move {
                let _ = stop.wait_for(|s| *s).await;
            };
            tokio::select! {
                _ = conn.as_mut() => {}
                () = stopping => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(DRAIN, conn).await;
                }
            }
        });
        // Finished connections are collected as new ones arrive.
        while connections.try_join_next().is_some() {}
    }
    let _ = tokio::time::timeout(DRAIN, async { while connections.join_next().await.is_some() {} }).await;
    connections.abort_all();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machines_names_are_answered() {
        let local = Hosts::new("127.0.0.1".parse().unwrap(), &[]);
        for ok in ["localhost", "localhost:1111", "127.0.0.1:1111", "[::1]:1111", "LOCALHOST", "app.localhost:1111"] {
            assert!(local.allows(ok), "{ok}");
        }
        for bad in ["evil.example", "127.0.0.1.evil.example", "evil.example:1111", "10.0.0.5", "localhost.evil.example"]
        {
            assert!(!local.allows(bad), "{bad}");
        }
        let named = Hosts::new("127.0.0.1".parse().unwrap(), &["preview.internal".to_string()]);
        assert!(named.allows("preview.internal:1111"));
        let request = |target: &str, hosts: &[&str]| {
            let mut b = Request::get(target);
            for h in hosts {
                b = b.header(header::HOST, *h);
            }
            b.body(()).unwrap()
        };
        assert_eq!(local.refuses(&request("/", &["127.0.0.1:1111"])), None);
        assert_eq!(local.refuses(&request("http://127.0.0.1:1111/", &["127.0.0.1:1111"])), None);
        let foreign = local.refuses(&request("/", &["127.0.0.1:1111", "evil.example"])).unwrap();
        assert!(foreign.contains("one Host header") && foreign.contains("evil.example"), "{foreign}");
        let twice = local.refuses(&request("/", &["127.0.0.1:1111", "localhost:1111"]));
        assert!(twice.is_some(), "two Host headers are refused even when both are names of this machine");
        let absolute = local.refuses(&request("http://evil.example/", &["127.0.0.1:1111"]));
        assert!(absolute.unwrap().contains("`evil.example` is not one of its names"));
        let lan = Hosts::new("192.168.1.20".parse().unwrap(), &[]);
        assert!(lan.allows("192.168.1.20:1111") && !lan.allows("192.168.1.21") && !lan.allows("evil.example"));
    }
}

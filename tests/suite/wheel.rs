//! The Python wheel (pyproject.toml: maturin with `bindings = "bin"`): built
//! from this checkout, installed into a fresh virtual environment, and run with
//! no Rust on PATH, it starts a guide, builds and checks it, and builds the
//! shipped guide. Needs maturin ($PRACTICA_MATURIN, else on PATH) and python3
//! with venv; outside CI the test says it skipped without them, under CI=true
//! it fails instead (.ci/run installs both).

use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

use crate::common::browser::in_ci;
use crate::common::manifest_dir;

fn runs(program: &Path, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|o| o.status.success())
}

fn ok(what: &str, o: Output) -> String {
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{what} failed:\n{stdout}\n{}", String::from_utf8_lossy(&o.stderr));
    stdout
}

/// PATH without any folder holding cargo or rustc, the venv's bin first: a
/// machine where practica came from pip and Rust was never installed.
fn path_without_rust(venv_bin: &Path) -> OsString {
    let current = std::env::var_os("PATH").unwrap_or_default();
    let kept = std::env::split_paths(&current).filter(|dir| !dir.join("cargo").exists() && !dir.join("rustc").exists());
    std::env::join_paths(std::iter::once(venv_bin.to_path_buf()).chain(kept)).unwrap()
}

#[test]
fn the_wheel_installs_without_rust_and_builds_a_guide() {
    let maturin = std::env::var_os("PRACTICA_MATURIN").map_or_else(|| PathBuf::from("maturin"), PathBuf::from);
    let python = PathBuf::from("python3");
    let missing: Vec<&str> = [
        (!runs(&maturin, &["--version"])).then_some("maturin (pip install maturin)"),
        (!runs(&python, &["-c", "import ensurepip, venv"])).then_some("python3 with venv"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        assert!(!in_ci(), "CI must build the wheel, but {} is missing: .ci/run installs it", missing.join(" and "));
        // Straight to the process's stderr, past the harness's capture, so a
        // plain `cargo test` shows the skip.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_wheel_installs_without_rust_and_builds_a_guide: {} not found",
            missing.join(" and ")
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();

    // The profile and target folder this test's own binary was built in, so
    // the wheel reuses what `cargo test` compiled instead of building anew.
    let exe = Path::new(env!("CARGO_BIN_EXE_practica"));
    let profile_dir = exe.parent().unwrap();
    let profile = match profile_dir.file_name().unwrap().to_str().unwrap() {
        "debug" => "dev",
        other => other,
    };
    let dist = tmp.path().join("dist");
    let started = Instant::now();
    let manifest = manifest_dir().join("Cargo.toml");
    ok(
        "maturin build",
        Command::new(&maturin)
            // --strip: a debug binary's symbols make the wheel four times larger and slower to zip.
            .args(["build", "--locked", "--strip", "--profile", profile, "--manifest-path"])
            .arg(&manifest)
            .arg("--out")
            .arg(&dist)
            .env("CARGO_TARGET_DIR", profile_dir.parent().unwrap())
            .output()
            .unwrap(),
    );
    println!("maturin build --profile {profile}: {:.1} s", started.elapsed().as_secs_f64());
    let wheels: Vec<PathBuf> = std::fs::read_dir(&dist).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(wheels.len(), 1, "{wheels:?}");
    let name = wheels[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("practica-{}-py3-none-", env!("CARGO_PKG_VERSION"))), "{name}");
    assert!(name.ends_with("x86_64.whl") || !cfg!(target_arch = "x86_64"), "{name}");

    let started = Instant::now();
    let venv = tmp.path().join("venv");
    ok("python3 -m venv", Command::new(&python).args(["-m", "venv"]).arg(&venv).output().unwrap());
    let bin = venv.join(if cfg!(windows) { "Scripts" } else { "bin" });
    ok(
        "pip install the wheel",
        Command::new(bin.join("python"))
            .args(["-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check", "--quiet"])
            .arg(&wheels[0])
            .output()
            .unwrap(),
    );
    let installed = bin.join(format!("practica{}", std::env::consts::EXE_SUFFIX));
    assert!(installed.is_file(), "pip put no practica in {}", bin.display());
    let path = path_without_rust(&bin);
    let practica = |args: &[&str]| {
        Command::new(&installed)
            .args(args)
            .current_dir(tmp.path())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };

    let version = ok("practica --version", practica(&["--version"]));
    assert_eq!(version.trim(), format!("practica {}", env!("CARGO_PKG_VERSION")));

    // The closing lines name the command the user has, never cargo.
    let said = ok("practica init", practica(&["init", "my-guide"]));
    assert!(said.contains("Preview it while you edit:  practica serve --root my-guide"), "{said}");
    assert!(!said.contains("cargo"), "{said}");

    let built = ok(
        "practica build",
        practica(&["build", "--root", "my-guide", "--base-url", "https://example.org/our-guide/"]),
    );
    assert!(built.starts_with("Built "), "{built}");
    let sitemap = std::fs::read_to_string(tmp.path().join("my-guide/public/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<loc>https://example.org/our-guide/practices/teamwork/regular-check-ins/</loc>"),
        "{sitemap}"
    );
    // The theme came inside the binary: the new guide has none of its own.
    assert!(tmp.path().join("my-guide/public/css/practica.css").is_file());
    assert!(tmp.path().join("my-guide/public/pagefind").is_dir(), "the search index is built in the binary too");
    assert_eq!(ok("practica check", practica(&["check", "--root", "my-guide"])).trim(), "No problems found.");

    let shipped = manifest_dir();
    let out = tmp.path().join("shipped");
    let built = ok(
        "practica build of the shipped guide",
        practica(&["build", "--root", shipped.to_str().unwrap(), "--output", out.to_str().unwrap()]),
    );
    assert!(built.starts_with("Built "), "{built}");
    assert!(
        std::fs::read_to_string(out.join("index.html")).unwrap().contains("Growing and Sustaining the Peer Workforce")
    );
    ok("practica check of the shipped guide", practica(&["check", "--root", shipped.to_str().unwrap()]));
    println!("venv, install and the wheel's commands: {:.1} s", started.elapsed().as_secs_f64());
}

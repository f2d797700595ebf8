//! The command line: parses the arguments, runs a command of the library and
//! prints what it found. Exit codes: 0 success (warnings allowed), 1 problems
//! in the guide or its surroundings, 2 a mistyped command.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use practica::check::{self, Format};
use practica::diagnostic::{self, Diagnostics};
use practica::pipeline::{self, Options};

#[derive(Parser)]
#[command(
    name = "practica",
    version,
    about = "Builds implementation guides: a searchable website and printable handouts from Markdown."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// Write the offline edition: it works opened from a folder, search included [default output: ROOT/public-offline].
        #[arg(long)]
        offline: bool,
        /// The guide's folder (holding guide.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public, or ROOT/public-offline with --offline].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Overrides base_url from guide.yaml, e.g. https://example.org/guides/peer/
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also write each handout as a PDF (needs Chromium).
        #[arg(long)]
        pdf: bool,
        /// The Chromium or Chrome to print PDFs with [default: found on PATH].
        #[arg(long, value_name = "PATH")]
        chrome: Option<PathBuf>,
        /// Skip the search index, for the fastest builds while editing.
        #[arg(long)]
        no_search: bool,
        /// Build the search index as N parts side by side, merged in the browser: for very large
        /// guides, a faster build in less memory. The same pages are found, but results that score
        /// close together can come in another order than with one index [default: 1].
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=64), conflicts_with_all = ["no_search", "offline"])]
        search_shards: Option<u8>,
        /// Replace an output folder that holds files practica did not write.
        #[arg(long)]
        force: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild and reload the browser on every save.
    Serve {
        /// The guide's folder (holding guide.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback shares the preview with your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
        /// Skip the search index, for the fastest rebuilds.
        #[arg(long)]
        no_search: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also answer requests addressed to this host name (may be repeated).
        #[arg(long, value_name = "NAME")]
        allow_host: Vec<String>,
        /// Turn editing in the preview off (it is on when the preview listens on 127.0.0.1).
        #[arg(long)]
        no_edit: bool,
    },
    /// Report every problem in the guide (errors and warnings) without building.
    Check {
        /// The guide's folder (holding guide.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people, `json` (one object per line) for CI systems.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Write a small new guide into DIR to start from.
    Init {
        /// Also write a workflow that publishes the guide: to GitHub Pages or GitLab Pages.
        #[arg(long, value_enum, value_name = "HOST")]
        ci: Option<CiArg>,
        /// The folder to create the guide in.
        dir: PathBuf,
    },
    /// Write JSON Schemas of guide.yaml and each kind's front matter, for editors' YAML extensions.
    Schema {
        /// The guide's folder; its guide.yaml's audiences, sources and bundles become the allowed values.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write them [default: ROOT/schemas].
        out_dir: Option<PathBuf>,
    },
    /// Work with the guide's theme.
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
}

#[derive(Subcommand)]
enum ThemeCommand {
    /// Copy the built-in theme into themes/NAME/ to change its templates, styles and words.
    Copy {
        /// The guide's folder (holding guide.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The new theme's folder name under themes/.
        #[arg(default_value = "custom")]
        name: String,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CiArg {
    Github,
    Gitlab,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Build { offline, root, output, base_url, drafts, pdf, chrome, no_search, search_shards, force } => {
            let output = output.unwrap_or_else(|| root.join(if offline { "public-offline" } else { "public" }));
            let opts = Options {
                root: root.clone(),
                output: output.clone(),
                base_url,
                drafts,
                pdf,
                chrome,
                no_search,
                search_shards: search_shards.map_or(1, usize::from),
                force,
                offline,
                git_dates: true,
                renames: false,
                parsed: None,
            };
            let progress = PdfProgress::new(std::io::stderr().is_terminal());
            match pipeline::build(&opts, &progress) {
                Ok(report) => {
                    report_diagnostics(&report.warnings, &root);
                    println!("{}", report.summary(&output));
                    ExitCode::SUCCESS
                }
                Err(diags) => failed(&diags, &root),
            }
        }
        Command::Serve { root, port, bind, open, no_search, drafts, allow_host, no_edit } => {
            let build = Options { drafts, no_search, git_dates: false, ..Options::new(root.clone()) };
            let opts =
                practica::serve::ServeOptions { build, bind, port, open, allow_hosts: allow_host, edit: !no_edit };
            match practica::serve::run(opts) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => failed(&d.into(), &root),
            }
        }
        Command::Check { root, format, drafts } => {
            let opts = Options { drafts, renames: true, ..Options::new(root.clone()) };
            let format = match format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
            };
            let (report, errors) = check::check(&opts, format, color(&std::io::stdout()));
            print!("{report}");
            if errors { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Command::Init { ci, dir } => {
            let ci = ci.map(|c| match c {
                CiArg::Github => practica::init::Ci::GitHub,
                CiArg::Gitlab => practica::init::Ci::GitLab,
            });
            match practica::init::init(&dir, ci) {
                Ok(()) => {
                    let command = how_to_run();
                    let d = dir.display();
                    println!("Wrote a new guide to {d}.");
                    println!("Preview it while you edit:  {command} serve --root {d}");
                    println!("Build it for the web:       {command} build --root {d}");
                    if let Some(ci) = ci {
                        println!("Publish it:                 {} (see its first lines)", dir.join(ci.file()).display());
                    }
                    // Only someone running practica from its source folder has cargo.
                    if command == FROM_SOURCE {
                        println!(
                            "(To type just `practica`, install it: cargo install --locked --path . in practica's folder.)"
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => failed(&d.into(), Path::new(".")),
            }
        }
        Command::Schema { root, out_dir } => {
            let out = out_dir.unwrap_or_else(|| root.join("schemas"));
            match practica::schema::write(&root, &out) {
                Ok(files) => {
                    println!("Wrote {} JSON Schemas to {}.", files.len(), out.display());
                    ExitCode::SUCCESS
                }
                Err(d) => failed(&d, &root),
            }
        }
        Command::Theme { command: ThemeCommand::Copy { root, name } } => match practica::theme_copy::copy(&root, &name)
        {
            Ok((dest, n)) => {
                println!(
                    "Copied the default theme ({n} files) to {}. To use it, set `theme: {name}` in guide.yaml; \
                     templates, static files and strings you delete there fall back to the built-in theme.",
                    dest.display()
                );
                ExitCode::SUCCESS
            }
            Err(d) => failed(&d.into(), &root),
        },
    }
}

const FROM_SOURCE: &str = "cargo run --release --";

/// How the user can run practica again: `practica` when that is on PATH,
/// `cargo run --release --` when this is a build in a cargo target folder,
/// else this program's own path.
fn how_to_run() -> String {
    let me = std::env::current_exe().ok();
    let on_path = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let candidate = dir.join(format!("practica{}", std::env::consts::EXE_SUFFIX));
            candidate.is_file() && me.as_ref().is_none_or(|m| same_file(m, &candidate))
        })
    });
    if on_path {
        return "practica".into();
    }
    match me {
        // Cargo marks every target folder (whatever CARGO_TARGET_DIR names it)
        // with CACHEDIR.TAG; the program is in its profile folder, debug/ or release/.
        Some(m) if m.parent().and_then(Path::parent).is_some_and(|t| t.join("CACHEDIR.TAG").is_file()) => {
            FROM_SOURCE.into()
        }
        Some(m) => m.display().to_string(),
        None => "practica".into(),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// PDF printing takes a while: a bar on a terminal, a line every tenth of
/// the way in a log.
struct PdfProgress {
    bar: std::sync::OnceLock<indicatif::ProgressBar>,
    terminal: bool,
}

impl PdfProgress {
    fn new(terminal: bool) -> Self {
        PdfProgress { bar: std::sync::OnceLock::new(), terminal }
    }
}

impl practica::write::pdf::Progress for PdfProgress {
    fn begin(&self, total: usize) {
        if self.terminal {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template("Printing handouts to PDF {bar:30} {pos}/{len}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            let _ = self.bar.set(bar);
        } else {
            eprintln!("Printing {total} handouts to PDF with Chromium…");
        }
    }

    fn printed(&self, done: usize, total: usize) {
        match self.bar.get() {
            Some(bar) => bar.set_position(done as u64),
            None if done == total || done.is_multiple_of((total / 10).max(1)) => {
                eprintln!("  {done} of {total} printed")
            }
            None => {}
        }
    }

    fn end(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

fn color(stream: &impl IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints every problem and exits 1.
fn failed(diags: &Diagnostics, root: &Path) -> ExitCode {
    report_diagnostics(diags, root);
    ExitCode::from(1)
}

fn report_diagnostics(diags: &Diagnostics, root: &Path) {
    if diags.is_empty() {
        return;
    }
    eprint!("{}", diagnostic::render_text(diags.as_slice(), root, color(&std::io::stderr())));
    let errors = diags.errors();
    let warnings = diags.warnings();
    if errors > 0 {
        eprintln!(
            "{} error{}{}; nothing was written.",
            errors,
            if errors == 1 { "" } else { "s" },
            if warnings > 0 {
                format!(" and {warnings} warning{}", if warnings == 1 { "" } else { "s" })
            } else {
                String::new()
            }
        );
    }
}

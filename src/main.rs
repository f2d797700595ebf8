//! The command line. Everything else lives in the library.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use practica::build::{self, Options};
use practica::diagnostic::{self, Diagnostic};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// The guide's folder (holding guide.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public].
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
    },
    /// Build, serve on 127.0.0.1 and rebuild and reload the browser on every save.
    Serve {
        /// The guide's folder (holding guide.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
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
    },
    /// Report every problem in the guide (errors and warnings) without building.
    Check {
        /// The guide's folder (holding guide.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people, `json` (one object per line) for CI systems.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Write a small new guide into DIR to start from.
    Init {
        /// The folder to create the guide in.
        dir: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Build { root, output, base_url, drafts, pdf, chrome, no_search } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            let opts = Options { root: root.clone(), output: output.clone(), base_url, drafts, pdf, chrome, no_search };
            match build::build(&opts) {
                Ok(report) => {
                    report_diagnostics(&report.warnings, &root);
                    println!("{}", report.summary(&output));
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    report_diagnostics(&diags, &root);
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve { root, port, bind, open, no_search, drafts } => {
            let build = Options {
                output: root.join("public"),
                root,
                base_url: None,
                drafts,
                pdf: false,
                chrome: None,
                no_search,
            };
            match practica::serve::run(practica::serve::ServeOptions { build, bind, port, open }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Check { root, format, drafts } => {
            let opts = Options { drafts, ..Options::new(root.clone()) };
            let diags = practica::check::check(&opts);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            let warnings = diags.len() - errors;
            match format {
                Format::Json => print!("{}", diagnostic::render_json(&diags)),
                Format::Text => {
                    let color =
                        std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
                    print!("{}", diagnostic::render_text(&diags, &root, color));
                    match (errors, warnings) {
                        (0, 0) => println!("No problems found."),
                        (e, w) => println!(
                            "{} error{}, {} warning{}.",
                            e,
                            if e == 1 { "" } else { "s" },
                            w,
                            if w == 1 { "" } else { "s" }
                        ),
                    }
                }
            }
            if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Command::Init { dir } => match practica::init::init(&dir) {
            Ok(()) => {
                println!(
                    "Wrote a new guide to {}. Build it with: practica build --root {}",
                    dir.display(),
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
    }
}

fn report_diagnostics(diags: &[Diagnostic], root: &std::path::Path) {
    if diags.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    eprint!("{}", diagnostic::render_text(diags, root, color));
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
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

//! The `linxuan` command line: parse arguments, run a stage, print diagnostics and a summary.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use linxuan::build::{self, BuildError, BuildOptions};
use linxuan::diagnostics::{Diagnostics, InvalidSources};
use linxuan::release::{Outcome, ReleaseError};

#[derive(Parser)]
#[command(name = "linxuan", version, about = "Publishes the 社会评价组织再评估遴选 notice as a static site")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced whole, only when the build succeeds).
    Build {
        /// The site root, holding config.toml, data/ and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Publish under this URL instead of config.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Refuse placeholders (（示例）, ××, example.gov.cn) instead of warning: use to publish.
        #[arg(long)]
        strict: bool,
    },
    /// Validate and render everything; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        base_url: Option<String>,
        /// Refuse placeholders (（示例）, ××, example.gov.cn) instead of warning.
        #[arg(long)]
        strict: bool,
    },
    /// Build into memory and serve a live preview that rebuilds and reloads on every save.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on; anything but loopback exposes the preview to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Write a new site from the built-in example into DIR.
    Init { dir: PathBuf },
    /// Record the current table as a dated, immutable release in data/releases/.
    Release {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The release date, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// What this release changes, shown on /updates/ and in the feed.
        #[arg(long)]
        note: String,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { root, output, base_url, strict } => {
            match build::build(&BuildOptions { root, output, base_url, strict }) {
                Ok(report) => {
                    print_diagnostics(&report.diagnostics);
                    println!(
                        "built {} pages, {} files ({} KB) into {} in {} ms",
                        report.pages,
                        report.files,
                        report.bytes.div_ceil(1024),
                        report.output.display(),
                        report.elapsed.as_millis()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(BuildError::Invalid(InvalidSources(diags))) => {
                    Ok(fail(&diags, "build failed; the previous output was left untouched"))
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Check { root, base_url, strict } => match build::check(&root, base_url.as_deref(), strict) {
            Ok((output, diags)) => {
                print_diagnostics(&diags);
                println!("ok: {} pages, {} files would be written", output.pages, output.files.len());
                Ok(ExitCode::SUCCESS)
            }
            Err(InvalidSources(diags)) => Ok(fail(&diags, "check failed")),
        },
        Command::Release { root, date, note } => match linxuan::release::release(&root, &date, &note) {
            Ok(Outcome::Recorded { csv, changes }) => {
                println!("recorded release {} ({changes} change(s)) in {}", date.trim(), csv.display());
                Ok(ExitCode::SUCCESS)
            }
            Ok(Outcome::Unchanged { since }) => {
                println!("nothing to record: the table and the forms are unchanged since the release of {since}");
                Ok(ExitCode::SUCCESS)
            }
            Err(ReleaseError::Invalid(InvalidSources(diags))) => Ok(fail(&diags, "release refused")),
            Err(e) => Err(anyhow::anyhow!(e).context("release refused")),
        },
        Command::Serve { root, bind, port, open } => {
            linxuan::serve::serve(linxuan::serve::ServeOptions { root, bind, port, open })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let files =
                linxuan::init::init(&dir).with_context(|| format!("cannot create a site in {}", dir.display()))?;
            println!(
                "created a site with {} files in {}; build it with: linxuan build --root {}",
                files.len(),
                dir.display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.sorted() {
        eprintln!("{d}");
    }
}

fn fail(diags: &Diagnostics, what: &str) -> ExitCode {
    print_diagnostics(diags);
    eprintln!("{what}: {} error(s)", diags.error_count());
    ExitCode::FAILURE
}

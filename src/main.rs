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
    /// Start a site from the bureau's Word notice: the summary table, the notice text and the forms.
    Import {
        /// The notice as a Word document (.docx).
        docx: PathBuf,
        /// A new (missing or empty) folder, or an existing site.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Write into an existing site even though files change.
        #[arg(long)]
        force: bool,
        /// The file name of a form, by attachment number: `--name 4=registration`.
        #[arg(long, value_parser = parse_name)]
        name: Vec<(u32, String)>,
    },
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
            Ok((Outcome::Recorded { csv, changes }, warnings)) => {
                print_diagnostics(&warnings);
                println!("recorded release {} ({changes} change(s)) in {}", date.trim(), csv.display());
                Ok(ExitCode::SUCCESS)
            }
            Ok((Outcome::Unchanged { since }, warnings)) => {
                print_diagnostics(&warnings);
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
        Command::Import { docx, root, force, name } => {
            let options = linxuan::import::ImportOptions { docx, root, force, names: name.into_iter().collect() };
            match linxuan::import::import(&options) {
                Ok(report) => {
                    print_import(&report, &options.root);
                    Ok(ExitCode::SUCCESS)
                }
                Err(linxuan::import::ImportError::Invalid(messages)) => {
                    for m in &messages {
                        eprintln!("{m}");
                    }
                    let errors = messages.iter().filter(|m| m.starts_with("error")).count();
                    eprintln!("import refused: {errors} error(s); nothing was written");
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(anyhow::anyhow!(e).context("import refused")),
            }
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

/// `4=registration` → (4, "registration"), the name checked as the loader checks form names.
fn parse_name(text: &str) -> Result<(u32, String), String> {
    let (number, name) = text.split_once('=').ok_or("expected ATTACHMENT=NAME, e.g. 4=registration")?;
    let number = number.trim().parse().map_err(|_| format!("`{number}` is not an attachment number"))?;
    let valid = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !valid {
        return Err(format!("`{name}`: a form's name becomes its URL; use a-z, 0-9, - and _"));
    }
    Ok((number, name.to_owned()))
}

fn print_import(report: &linxuan::import::ImportReport, root: &std::path::Path) {
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    if !report.suggestions.is_empty() {
        let how = if report.new_site { "written to config.toml" } else { "suggested for config.toml" };
        println!("recognised in the notice ({how}):");
        println!("[notice]");
        for (key, value) in &report.suggestions {
            println!("{} = {value:?}", key.trim_start_matches("notice."));
        }
    }
    if !report.new_site {
        for change in &report.changes {
            println!("  {change}");
        }
    }
    match (report.written, report.files.is_empty()) {
        (_, true) => println!("nothing to change: {} already holds what the Word file gives", root.display()),
        (true, false) => println!(
            "wrote {} file(s) into {}: {}; build it with: linxuan build --root {}",
            report.files.len(),
            root.display(),
            report.files.join(", "),
            root.display()
        ),
        (false, false) => {
            println!("nothing written: the site would change as listed; run again with --force to write it")
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

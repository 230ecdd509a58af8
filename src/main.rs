//! The `linxuan` command line: parse arguments, run a stage, print diagnostics and a summary.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use linxuan::build::{self, BuildError, BuildOptions};
use linxuan::diagnostics::{Diagnostics, InvalidSources, terminal};
use linxuan::i18n::{self, Lang};
use linxuan::msg;
use linxuan::publish::PublishError;
use linxuan::release::{Outcome, ReleaseError};

#[derive(Parser)]
#[command(
    name = "linxuan",
    version,
    about = msg!("cli.about"),
    override_usage = msg!("cli.usage"),
    help_template = msg!("cli.template"),
    subcommand_help_heading = msg!("cli.commands"),
    next_help_heading = msg!("cli.options"),
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Read before parsing (`i18n::Lang::from_args_and_env`); declared so that it is accepted.
    #[arg(long, global = true, value_name = "zh|en", help = msg!("cli.lang"))]
    lang: Option<String>,
    #[arg(short, long, global = true, action = ArgAction::Help, help = msg!("cli.help"))]
    help: Option<bool>,
    #[arg(short = 'V', long, action = ArgAction::Version, help = msg!("cli.version"))]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    #[command(about = msg!("cli.build.about"), override_usage = msg!("cli.build.usage"))]
    Build {
        #[arg(long, default_value = ".", hide_default_value = true, value_name = msg!("cli.value.dir"), help = msg!("cli.root"))]
        root: PathBuf,
        #[arg(long, value_name = msg!("cli.value.dir"), help = msg!("cli.build.output"))]
        output: Option<PathBuf>,
        #[arg(long, value_name = "URL", help = msg!("cli.base_url"))]
        base_url: Option<String>,
        #[arg(long, help = msg!("cli.build.strict"))]
        strict: bool,
        #[arg(long, help = msg!("cli.build.preview"))]
        preview: bool,
    },
    #[command(about = msg!("cli.check.about"), override_usage = msg!("cli.check.usage"))]
    Check {
        #[arg(long, default_value = ".", hide_default_value = true, value_name = msg!("cli.value.dir"), help = msg!("cli.root"))]
        root: PathBuf,
        #[arg(long, value_name = "URL", help = msg!("cli.base_url"))]
        base_url: Option<String>,
        #[arg(long, help = msg!("cli.check.strict"))]
        strict: bool,
    },
    #[command(about = msg!("cli.serve.about"), override_usage = msg!("cli.serve.usage"))]
    Serve {
        #[arg(long, default_value = ".", hide_default_value = true, value_name = msg!("cli.value.dir"), help = msg!("cli.root"))]
        root: PathBuf,
        #[arg(long, default_value = "127.0.0.1", hide_default_value = true, value_name = msg!("cli.value.address"), help = msg!("cli.serve.bind"))]
        bind: std::net::IpAddr,
        #[arg(long, default_value_t = 1111, hide_default_value = true, value_name = msg!("cli.value.port"), help = msg!("cli.serve.port"))]
        port: u16,
        #[arg(long, help = msg!("cli.serve.open"))]
        open: bool,
    },
    #[command(about = msg!("cli.init.about"), override_usage = msg!("cli.init.usage"))]
    Init {
        #[arg(value_name = msg!("cli.value.dir"), help = msg!("cli.init.dir"))]
        dir: PathBuf,
    },
    #[command(about = msg!("cli.import.about"), override_usage = msg!("cli.import.usage"))]
    Import {
        #[arg(value_name = "DOCX", help = msg!("cli.import.docx"))]
        docx: PathBuf,
        #[arg(long, default_value = ".", hide_default_value = true, value_name = msg!("cli.value.dir"), help = msg!("cli.import.root"))]
        root: PathBuf,
        #[arg(long, help = msg!("cli.import.force"))]
        force: bool,
        #[arg(long, value_parser = parse_name, value_name = msg!("cli.value.name"), help = msg!("cli.import.name"))]
        name: Vec<(u32, String)>,
    },
    #[command(about = msg!("cli.publish.about"), override_usage = msg!("cli.publish.usage"))]
    Publish {
        #[arg(long, default_value = ".", hide_default_value = true, value_name = msg!("cli.value.dir"), help = msg!("cli.root"))]
        root: PathBuf,
        #[arg(long, value_name = msg!("cli.value.text"), help = msg!("cli.publish.note"))]
        note: Option<String>,
        #[arg(long, value_name = msg!("cli.value.dir"), help = msg!("cli.build.output"))]
        output: Option<PathBuf>,
        #[arg(long, value_name = "YYYY-MM-DD", help = msg!("cli.publish.date"))]
        date: Option<String>,
    },
    #[command(about = msg!("cli.release.about"), override_usage = msg!("cli.release.usage"))]
    Release {
        #[arg(long, default_value = ".", hide_default_value = true, value_name = msg!("cli.value.dir"), help = msg!("cli.root"))]
        root: PathBuf,
        #[arg(long, value_name = "YYYY-MM-DD", help = msg!("cli.release.date"))]
        date: String,
        #[arg(long, value_name = msg!("cli.value.text"), help = msg!("cli.release.note"))]
        note: String,
    },
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    i18n::set(Lang::from_args_and_env(&args, std::env::var("LINXUAN_LANG").ok().as_deref()));
    let cli = match command().try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", msg!("cli.failed", error = format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

/// The command line with the catalogue's template and headings on every command (clap's
/// derive sets them on the top command only).
fn command() -> clap::Command {
    let localise = |c: clap::Command| {
        c.help_template(msg!("cli.template")).mut_args(|a| {
            let heading = if a.is_positional() { msg!("cli.arguments") } else { msg!("cli.options") };
            a.help_heading(heading)
        })
    };
    localise(Cli::command()).mut_subcommands(localise)
}

/// `--help` and `--version` as clap prints them (with the catalogue's headings); a mistake on
/// the command line in the catalogue's words, naming the argument, with where to find help.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => msg!("cli.error.unknown_argument", arg = context(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => {
            msg!("cli.error.unknown_command", arg = context(ContextKind::InvalidSubcommand))
        }
        ErrorKind::MissingRequiredArgument => msg!("cli.error.missing", arg = context(ContextKind::InvalidArg)),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            msg!("cli.error.no_command")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => msg!(
            "cli.error.invalid_value",
            arg = context(ContextKind::InvalidArg),
            value = context(ContextKind::InvalidValue)
        ),
        ErrorKind::ArgumentConflict => msg!("cli.error.conflict", arg = context(ContextKind::InvalidArg)),
        _ => msg!("cli.error.other", error = e.render().to_string().trim()),
    };
    eprintln!("{}", msg!("cli.usage_error", message = message));
    ExitCode::from(2)
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { root, output, base_url, strict, preview } => {
            match build::build(&BuildOptions { root, output, base_url, strict, preview }) {
                Ok(report) => {
                    terminal::print(&report.diagnostics);
                    println!("{}", report.summary());
                    Ok(ExitCode::SUCCESS)
                }
                Err(BuildError::Invalid(InvalidSources(diags))) => Ok(fail(&diags, "cli.build.failed")),
                Err(e) => Err(e.into()),
            }
        }
        Command::Check { root, base_url, strict } => match build::check(&root, base_url.as_deref(), strict) {
            Ok((output, diags)) => {
                terminal::print(&diags);
                println!("{}", msg!("cli.check.done", pages = output.pages, files = output.files.len()));
                Ok(ExitCode::SUCCESS)
            }
            Err(InvalidSources(diags)) => Ok(fail(&diags, "cli.check.failed")),
        },
        Command::Release { root, date, note } => match linxuan::release::release(&root, &date, &note) {
            Ok((Outcome::Recorded { csv, changes }, warnings)) => {
                terminal::print(&warnings);
                println!("{}", msg!("cli.release.done", date = date.trim(), changes = changes, file = csv.display()));
                Ok(ExitCode::SUCCESS)
            }
            Ok((Outcome::Unchanged { since }, warnings)) => {
                terminal::print(&warnings);
                println!("{}", msg!("cli.release.unchanged", since = since));
                Ok(ExitCode::SUCCESS)
            }
            Err(ReleaseError::Invalid(InvalidSources(diags))) => Ok(fail(&diags, "cli.release.refused")),
            Err(e) => Err(anyhow::anyhow!(e).context(msg!("cli.release.refused"))),
        },
        Command::Publish { root, note, output, date } => {
            let options = linxuan::publish::PublishOptions { root, output, note, date };
            match linxuan::publish::publish(&options) {
                Ok(report) => {
                    terminal::print(&report.warnings);
                    print_publish(&report);
                    Ok(ExitCode::SUCCESS)
                }
                Err(PublishError::Invalid(InvalidSources(diags))) => Ok(fail(&diags, "cli.publish.refused_count")),
                Err(PublishError::Build(BuildError::Invalid(InvalidSources(diags)))) => {
                    Ok(fail(&diags, "cli.publish.refused_count"))
                }
                Err(PublishError::Release(ReleaseError::Invalid(InvalidSources(diags)))) => {
                    Ok(fail(&diags, "cli.publish.refused_count"))
                }
                Err(e) => {
                    eprintln!("{}", msg!("cli.publish.refused", error = e));
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::Serve { root, bind, port, open } => {
            linxuan::serve::serve(linxuan::serve::ServeOptions { root, bind, port, open })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { docx, root, force, name } => {
            let options = linxuan::import::ImportOptions { docx, root, force, names: name.into_iter().collect() };
            match linxuan::import::import(&options) {
                Ok(report) => {
                    print_import(&report, &options.root);
                    // Files would change but were not written without --force: a refusal.
                    let refused = !report.written && !report.files.is_empty();
                    Ok(if refused { ExitCode::FAILURE } else { ExitCode::SUCCESS })
                }
                Err(linxuan::import::ImportError::Invalid(messages, errors)) => {
                    for m in &messages {
                        eprintln!("{m}");
                    }
                    eprintln!("{}", msg!("cli.import.refused_count", errors = errors));
                    Ok(ExitCode::FAILURE)
                }
                Err(e) => Err(anyhow::anyhow!(e).context(msg!("cli.import.refused"))),
            }
        }
        Command::Init { dir } => {
            let files = linxuan::init::init(&dir).with_context(|| msg!("cli.init.failed", dir = dir.display()))?;
            println!("{}", msg!("cli.init.done", files = files.len(), dir = dir.display()));
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `4=registration` → (4, "registration"), the name checked as the loader checks form names.
fn parse_name(text: &str) -> Result<(u32, String), String> {
    let (number, name) = text.split_once('=').ok_or_else(|| msg!("cli.import.name_shape"))?;
    let number = number.trim().parse().map_err(|_| msg!("cli.import.name_number", number = number))?;
    let valid = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !valid {
        return Err(msg!("cli.import.name_chars", name = name));
    }
    Ok((number, name.to_owned()))
}

fn print_import(report: &linxuan::import::ImportReport, root: &std::path::Path) {
    for note in &report.notes {
        eprintln!("{}", msg!("cli.import.note", note = note));
    }
    if !report.suggestions.is_empty() {
        let how = if report.new_site { msg!("cli.import.written_to_config") } else { msg!("cli.import.suggested") };
        println!("{}", msg!("cli.import.recognised", how = how));
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
        (_, true) => println!("{}", msg!("cli.import.nothing_to_change", root = root.display())),
        (true, false) => println!(
            "{}",
            msg!(
                "cli.import.wrote",
                count = report.files.len(),
                root = root.display(),
                files = report.files.join(", ")
            )
        ),
        (false, false) => println!("{}", msg!("cli.import.needs_force")),
    }
}

/// What was recorded, what the public will see, and where the package is.
fn print_publish(report: &linxuan::publish::PublishReport) {
    for line in report.summary() {
        println!("{line}");
    }
}

/// Prints every diagnostic and the closing line of catalogue key `what` with the error count.
fn fail(diags: &Diagnostics, what: &str) -> ExitCode {
    terminal::print(diags);
    eprintln!("{}", msg!(what, errors = diags.error_count()));
    ExitCode::FAILURE
}

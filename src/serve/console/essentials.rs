//! The form's side of `config.toml`: what it holds now, and saving the form into it. A save
//! builds the new text (`config_edit.rs`), runs on it the checks a build runs on the config
//! (`validate::check_config`) and writes it only when they pass, through a temporary file
//! beside it renamed over it, so the file is never half-written and a bad value never
//! reaches it. The watcher then rebuilds the preview as for any save.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::config_edit::edited;
use super::form::Essentials;
use crate::config::Config;
use crate::diagnostics::Severity;
use crate::load::{CONFIG, TextFile, invisible, text};
use crate::msg;

/// `config.toml` as read now.
struct ConfigFile {
    path: PathBuf,
    text: String,
    /// Whether it began with a UTF-8 byte-order mark, which is written back.
    bom: bool,
    /// A digest of its bytes: a form sent back names the version it was filled from.
    version: String,
}

fn read(root: &Path) -> Result<ConfigFile, String> {
    let path = root.join(CONFIG);
    let bytes = std::fs::read(&path).map_err(|e| msg!("console.config_unreadable", error = e))?;
    let version = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let (text, encoding) = text::decode(&bytes).map_err(|_| msg!("console.config_unreadable", error = CONFIG))?;
    Ok(ConfigFile { path, text, bom: encoding == text::SourceEncoding::Utf8Bom, version })
}

/// What the form shows: the values `config.toml` sets and its version, or why it cannot.
#[derive(Debug, Serialize)]
pub(super) struct Current {
    pub values: Option<Essentials>,
    pub version: Option<String>,
    /// Why the form cannot be filled from the file (it does not read as a config).
    pub error: Option<String>,
}

pub(super) fn current(root: &Path) -> Current {
    let file = match read(root) {
        Ok(file) => file,
        Err(error) => return Current { values: None, version: None, error: Some(error) },
    };
    let clean = invisible::remove(&file.text);
    match toml::from_str::<Config>(&clean) {
        Ok(config) => Current { values: Some(Essentials::of(&config)), version: Some(file.version), error: None },
        Err(e) => Current {
            values: None,
            version: Some(file.version),
            error: Some(msg!("console.config_syntax", error = e.message().trim())),
        },
    }
}

/// A form sent: its values and the version of `config.toml` they were read from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Posted {
    pub version: String,
    pub values: Essentials,
}

/// A message for the field a form shows it beside (`notice.deadline`,
/// `notice.contacts[2].phone`), or for the whole form.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(super) struct FieldError {
    pub field: Option<String>,
    pub message: String,
}

#[derive(Debug)]
pub(super) enum SaveError {
    /// The values do not pass the checks; the file is untouched.
    Invalid(Vec<FieldError>),
    /// The file changed since the form was filled.
    Conflict,
    /// It could not be read or written.
    Io(String),
}

/// Writes the form into `config.toml`; `Ok(false)` when that changes nothing.
pub(super) fn save(root: &Path, posted: &Posted) -> Result<bool, SaveError> {
    let file = read(root).map_err(SaveError::Io)?;
    if file.version != posted.version {
        return Err(SaveError::Conflict);
    }
    let values = posted.values.cleaned();
    let general = |message: String| SaveError::Invalid(vec![FieldError { field: None, message }]);
    let text = edited(&file.text, &values).map_err(general)?;
    let errors = check(&text, &values);
    if !errors.is_empty() {
        return Err(SaveError::Invalid(errors));
    }
    if text == file.text {
        return Ok(false);
    }
    let mut bytes = if file.bom { b"\xEF\xBB\xBF".to_vec() } else { Vec::new() };
    bytes.extend_from_slice(text.as_bytes());
    write_atomically(&file.path, &bytes)
        .map_err(|e| SaveError::Io(msg!("console.write_failed", path = CONFIG, error = e)))?;
    Ok(true)
}

/// The problems of the new text: what a build would say of the config (its errors only;
/// warnings such as placeholders do not stop a save), and a contact without a name.
fn check(text: &str, values: &Essentials) -> Vec<FieldError> {
    let clean = invisible::remove(text);
    let diags = crate::validate::check_config(&TextFile { path: CONFIG.to_owned(), text: clean });
    let mut errors: Vec<FieldError> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| FieldError { field: d.field.clone(), message: d.message.clone() })
        .collect();
    for (i, contact) in values.contacts.iter().enumerate() {
        if contact.name.is_empty() {
            let field = format!("notice.contacts[{}].name", i + 1);
            errors.push(FieldError { field: Some(field), message: msg!("console.contact_name_missing") });
        }
    }
    errors
}

/// Writes `bytes` to a temporary file beside `path`, flushed to disk, and renames it over
/// `path`, keeping its permissions: readers see the old file or the new one, never a part.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.linxuan-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if let Ok(meta) = std::fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let shipped = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml")).expect("config.toml");
        std::fs::write(dir.path().join(CONFIG), shipped).expect("write config.toml");
        dir
    }

    fn posted(root: &Path, change: impl FnOnce(&mut Essentials)) -> Posted {
        let now = current(root);
        let mut values = now.values.expect("the shipped config reads");
        change(&mut values);
        Posted { version: now.version.expect("a version"), values }
    }

    #[test]
    fn a_good_form_is_written_and_a_bad_one_leaves_the_file_as_it_was() {
        let dir = site();
        let root = dir.path();
        let before = std::fs::read(root.join(CONFIG)).expect("read");
        let bad = posted(root, |v| {
            v.deadline = "2027-02-30 17:00".into();
            v.contacts[0].phone = "12".into();
            v.contacts[1].name = " ".into();
        });
        let Err(SaveError::Invalid(errors)) = save(root, &bad) else { panic!("refused") };
        let fields: Vec<Option<&str>> = errors.iter().map(|e| e.field.as_deref()).collect();
        assert_eq!(
            fields,
            [Some("notice.deadline"), Some("notice.contacts[1].phone"), Some("notice.contacts[2].name")],
            "{errors:?}"
        );
        assert!(errors[0].message.contains("2027-02-30 17:00"), "{}", errors[0].message);
        assert_eq!(std::fs::read(root.join(CONFIG)).expect("read"), before, "untouched");

        let good = posted(root, |v| v.deadline = "2027-02-28 17:00".into());
        assert!(save(root, &good).expect("saved"), "changed");
        let after = std::fs::read_to_string(root.join(CONFIG)).expect("read");
        assert!(after.contains("deadline = \"2027-02-28 17:00\""));
        assert_eq!(current(root).values.expect("reads").deadline, "2027-02-28 17:00");
        let leftovers: Vec<_> = std::fs::read_dir(root).expect("list").flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, [std::ffi::OsString::from(CONFIG)], "no temporary file left");

        // The form was filled from the file before this save: refused.
        assert!(matches!(save(root, &good), Err(SaveError::Conflict)));
        let same = posted(root, |_| {});
        assert!(!save(root, &same).expect("nothing to do"), "unchanged");
    }

    #[test]
    fn a_byte_order_mark_is_kept() {
        let dir = site();
        let root = dir.path();
        let text = std::fs::read(root.join(CONFIG)).expect("read");
        std::fs::write(root.join(CONFIG), [b"\xEF\xBB\xBF".as_slice(), &text].concat()).expect("write");
        assert!(save(root, &posted(root, |v| v.audience = "面向各单位。".into())).expect("saved"));
        assert!(std::fs::read(root.join(CONFIG)).expect("read").starts_with(b"\xEF\xBB\xBF"));
    }
}

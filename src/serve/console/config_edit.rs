//! Writes the form's values into the text of `config.toml` in place (toml_edit): a value
//! that did not change keeps its line as it was, one that did keeps its key, its comments and
//! what follows it on the line; a new key goes after the keys that come before it in
//! [`Config`](crate::config::Config); an emptied optional key is removed, its comment kept
//! above the next key. Lines the form does not touch stay byte for byte.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::form::{ContactRow, Essentials};
use crate::msg;

const NOTICE: &str = "notice";
const FOOTER: &str = "footer";
const CONTACTS: &str = "contacts";

/// `text` with the essentials of `form` (already cleaned) written into it; the message when
/// the text is not TOML this can edit.
pub(super) fn edited(text: &str, form: &Essentials) -> Result<String, String> {
    let mut doc: DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| msg!("console.config_syntax", error = e.message().trim()))?;
    if !doc.get(NOTICE).is_some_and(Item::is_table) {
        return Err(msg!("console.config_layout"));
    }
    for (key, value) in [
        ("addressee", &form.addressee),
        ("deadline", &form.deadline),
        ("signature", &form.signature),
        ("signed_date", &form.signed_date),
        ("audience", &form.audience),
    ] {
        set_text(&mut doc, NOTICE, key, value);
    }
    set_list(&mut doc, "submission", &form.submission);
    set_contacts(&mut doc, &form.contacts)?;
    let footer =
        [("sponsor", &form.sponsor), ("site_code", &form.site_code), ("icp", &form.icp), ("police", &form.police)];
    if !doc.contains_key(FOOTER) && footer.iter().any(|(_, v)| !v.is_empty()) {
        let mut table = Table::new();
        table.decor_mut().set_prefix("\n");
        doc.insert(FOOTER, Item::Table(table));
    }
    if !doc.get(FOOTER).is_none_or(Item::is_table) {
        return Err(msg!("console.config_layout"));
    }
    if doc.contains_key(FOOTER) {
        for (key, value) in footer {
            set_text(&mut doc, FOOTER, key, value);
        }
    }
    Ok(doc.to_string())
}

/// The table `[name]`; the caller has checked it is one.
fn table<'a>(doc: &'a mut DocumentMut, name: &str) -> &'a mut Table {
    doc.get_mut(name).and_then(Item::as_table_mut).expect("checked to be a table before")
}

/// Sets `[table] key` to `value`, or removes it when `value` is empty.
fn set_text(doc: &mut DocumentMut, table_name: &str, key: &str, value: &str) {
    let table = table(doc, table_name);
    if value.is_empty() {
        if table.contains_key(key) {
            remove(doc, table_name, key);
        }
    } else if let Some(item) = table.get_mut(key) {
        replace(item, Value::from(value));
    } else {
        insert_in_order(table, key, Item::Value(Value::from(value)));
    }
}

/// Replaces the value of `item` unless it is equal, keeping the spaces and comment around it.
fn replace(item: &mut Item, mut value: Value) {
    if let Some(old) = item.as_value() {
        if same(old, &value) {
            return;
        }
        *value.decor_mut() = old.decor().clone();
    }
    *item = Item::Value(value);
}

/// Equal values as TOML reads them (a literal string 'x' equals "x").
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same(a, b)),
        _ => false,
    }
}

/// `notice.submission`, one entry a line, as the shipped `config.toml` writes it.
fn set_list(doc: &mut DocumentMut, key: &str, values: &[String]) {
    if values.is_empty() {
        if table(doc, NOTICE).contains_key(key) {
            remove(doc, NOTICE, key);
        }
        return;
    }
    let mut array = Array::new();
    for value in values {
        array.push_formatted(Value::from(value.as_str()).decorated("\n  ", ""));
    }
    array.set_trailing_comma(true);
    array.set_trailing("\n");
    let table = table(doc, NOTICE);
    match table.get_mut(key) {
        Some(item) => replace(item, Value::Array(array)),
        None => insert_in_order(table, key, Item::Value(Value::Array(array))),
    }
}

/// `[[notice.contacts]]`: the rows in order, each table kept where it is with its comments;
/// tables added after the last, the last ones removed.
fn set_contacts(doc: &mut DocumentMut, rows: &[ContactRow]) -> Result<(), String> {
    let notice = table(doc, NOTICE);
    if notice.get(CONTACTS).is_some_and(|item| !item.is_array_of_tables()) {
        return Err(msg!("console.config_layout"));
    }
    if rows.is_empty() {
        if notice.contains_key(CONTACTS) {
            let first = notice.get(CONTACTS).and_then(Item::as_array_of_tables).and_then(|a| a.get(0));
            let (comment, position) = first.map_or((String::new(), None), |t| (prefix(t.decor()), t.position()));
            notice.remove(CONTACTS);
            carry_to_next_table(doc, &comment, position);
        }
        return Ok(());
    }
    let tables = match notice.get_mut(CONTACTS).and_then(Item::as_array_of_tables_mut) {
        Some(tables) => tables,
        None => {
            notice.insert(CONTACTS, Item::ArrayOfTables(ArrayOfTables::new()));
            notice.get_mut(CONTACTS).and_then(Item::as_array_of_tables_mut).expect("inserted just now")
        }
    };
    for (i, row) in rows.iter().enumerate() {
        match tables.get_mut(i) {
            Some(table) => {
                for (key, value) in [("name", &row.name), ("phone", &row.phone)] {
                    // Both keys are required: an empty one is written, for the check to name.
                    match table.get_mut(key) {
                        Some(item) => replace(item, Value::from(value.as_str())),
                        None => insert_in_order(table, key, Item::Value(Value::from(value.as_str()))),
                    }
                }
            }
            None => {
                let mut table = Table::new();
                table.decor_mut().set_prefix("\n");
                table.insert("name", Item::Value(Value::from(row.name.as_str())));
                table.insert("phone", Item::Value(Value::from(row.phone.as_str())));
                tables.push(table);
            }
        }
    }
    while tables.len() > rows.len() {
        tables.remove(tables.len() - 1);
    }
    Ok(())
}

/// Inserts `key` after the last key that comes before it in `Config`'s order (first when none
/// does; last when `Config` does not rank it, as a contact's keys); the others keep their order.
fn insert_in_order(table: &mut Table, key: &str, item: Item) {
    let known = crate::config::known_keys();
    let rank = |k: &str| known.iter().position(|known| *known == k);
    let new_rank = rank(key);
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    let after = keys.iter().rposition(|k| matches!((rank(k), new_rank), (Some(a), Some(b)) if a < b));
    let at = match new_rank {
        Some(_) => after.map_or(0, |i| i + 1),
        None => keys.len(),
    };
    table.insert(key, item);
    let mut order: Vec<String> = keys;
    order.insert(at, key.to_owned());
    let place = |k: &str| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
    table.sort_values_by(|a, _, b, _| place(a.get()).cmp(&place(b.get())));
}

/// Removes `[table] key`, moving the comment above it to the next key of the table, or to the
/// next table when it was the last.
fn remove(doc: &mut DocumentMut, table_name: &str, key: &str) {
    let table = table(doc, table_name);
    let keys: Vec<String> = table.iter().filter(|(_, item)| item.is_value()).map(|(k, _)| k.to_owned()).collect();
    let comment = table.key(key).map(|k| prefix(k.leaf_decor())).unwrap_or_default();
    let position = table.position();
    table.remove(key);
    if let Some(next) = keys.iter().skip_while(|k| *k != key).nth(1)
        && let Some(mut next) = table.key_mut(next)
    {
        let decor = next.leaf_decor_mut();
        let joined = join(&comment, &prefix(decor));
        decor.set_prefix(joined);
        return;
    }
    carry_to_next_table(doc, &comment, position);
}

/// Puts `comment` before the header of the first table after `position` (at the end when none).
fn carry_to_next_table(doc: &mut DocumentMut, comment: &str, position: Option<isize>) {
    if !comment.contains('#') {
        return;
    }
    let mut positions = Vec::new();
    visit(doc.as_table_mut(), &mut |t| positions.extend(t.position()));
    let after = position.unwrap_or(isize::MIN);
    match positions.into_iter().filter(|p| *p > after).min() {
        Some(next) => visit(doc.as_table_mut(), &mut |t| {
            if t.position() == Some(next) {
                let joined = join(comment, &prefix(t.decor()));
                t.decor_mut().set_prefix(joined);
            }
        }),
        None => {
            let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
            doc.set_trailing(join(&trailing, comment));
        }
    }
}

/// Calls `f` on every table under `table`, arrays of tables included.
fn visit(table: &mut Table, f: &mut dyn FnMut(&mut Table)) {
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(t) => {
                f(t);
                visit(t, f);
            }
            Item::ArrayOfTables(tables) => {
                for t in tables.iter_mut() {
                    f(t);
                    visit(t, f);
                }
            }
            _ => {}
        }
    }
}

/// The text before an item: blank lines and comments.
fn prefix(decor: &toml_edit::Decor) -> String {
    decor.prefix().and_then(|p| p.as_str()).unwrap_or("").to_owned()
}

/// A comment carried over, then the text that was there; only a comment is worth carrying.
fn join(comment: &str, before: &str) -> String {
    if comment.contains('#') { format!("{comment}{before}") } else { before.to_owned() }
}

#[cfg(test)]
#[path = "config_edit_tests.rs"]
mod tests;

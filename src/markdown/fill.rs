//! What filling a form in the browser adds to the form model, decided once for the fill-in
//! page (`render::fill`) and the filled Word file (`derive::docx::fill_parts`): a text area
//! under each outline item (`（一）经营范围、主营主业：`), which check a field gets, which values
//! both forms share, and which table's rows repeat.

use super::document::{Block, CellKind, Document, Inline, Table, text_of};

/// The id of the answer written under an outline item: a paragraph of a section that starts
/// with a Chinese ordinal in brackets, `（一）…` → `三、举办条件（一）`.
pub fn outline_id(section: &str, content: &[Inline]) -> Option<String> {
    let text = text_of(content);
    let rest = text.trim_start().strip_prefix('（')?;
    let (ordinal, _) = rest.split_once('）')?;
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    if ordinal.is_empty() || !ordinal.chars().all(numeral) || section.is_empty() {
        return None;
    }
    let section: String = section.chars().filter(|c| !c.is_whitespace()).collect();
    Some(format!("{section}（{ordinal}）"))
}

/// The check a field's value gets in the browser, from the form's own label: `credit` (统一社会
/// 信用代码, GB 32100-2015), `mobile`, `landline`, `phone` (either), `count` (a whole number),
/// `date`, `year`, `month`, `day`.
pub fn check(label: &str) -> Option<&'static str> {
    Some(if label.contains("统一社会信用代码") {
        "credit"
    } else if label.contains("手机") {
        "mobile"
    } else if label.contains("固定电话") {
        "landline"
    } else if label.contains("电话") {
        "phone"
    } else if label.contains("人数") {
        "count"
    } else if label.ends_with("（年）") {
        "year"
    } else if label.ends_with("（月）") {
        "month"
    } else if label.ends_with("（日）") {
        "day"
    } else if label.contains("期限") || label.contains("日期") {
        "date"
    } else {
        return None;
    })
}

/// The key under which a value is kept for every form that asks for it: the 申报表's 单位名称
/// is the 承诺书's 机构名称.
pub fn shared_key(label: &str) -> Option<&'static str> {
    // The 申报表 numbers the 评价机构负责人's details (①职务/职称 ②固定电话 ③手机号码); the
    // 承诺书 asks for the same person's 联系电话.
    let label = label.trim_start_matches(|c: char| ('①'..='⑳').contains(&c));
    match label {
        "单位名称" | "机构名称" => Some("单位名称"),
        "法定代表人" => Some("法定代表人"),
        "评价机构负责人" => Some("评价机构负责人"),
        "手机号码" | "联系电话" => Some("联系电话"),
        _ => None,
    }
}

/// A field the form's title names in brackets, which the filled form writes in its place:
/// `（单位名称）社会评价组织再评估遴选申报表` is headed by the applicant's 单位名称.
#[derive(Debug, PartialEq, Eq)]
pub struct TitleField<'a> {
    pub before: &'a str,
    /// The bracketed name as the blank form prints it, `（单位名称）`: what stays while the
    /// field is empty.
    pub placeholder: &'a str,
    pub after: &'a str,
    /// The shared key of the field that fills it ([`shared_key`]).
    pub key: &'static str,
}

impl TitleField<'_> {
    /// The id of the title's marker in the filled Word file; no field's id has an ASCII colon.
    pub fn marker_id(&self) -> String {
        format!("title:{}", self.key)
    }
}

/// The first bracketed name in `heading` that is a field both forms share, if any.
pub fn title_field(heading: &str) -> Option<TitleField<'_>> {
    let mut from = 0;
    while let Some(found) = heading[from..].find('（') {
        let open = from + found;
        let inner = open + '（'.len_utf8();
        let close = inner + heading[inner..].find('）')?;
        let end = close + '）'.len_utf8();
        if let Some(key) = shared_key(&heading[inner..close]) {
            return Some(TitleField {
                before: &heading[..open],
                placeholder: &heading[open..end],
                after: &heading[end..],
                key,
            });
        }
        from = end;
    }
    None
}

/// Whether the form has a table whose rows pick occupations (a fill page then offers the
/// picker, and an occupation page links to it with `?occupation=<code>`).
pub fn picks_occupations(document: &Document) -> bool {
    document.blocks.iter().any(|b| matches!(b, Block::Table(t) if repeats(t)))
}

/// Whether a table's rows repeat ("本表可增行"): column headings over rows that are all alike,
/// each with room to write in.
pub fn repeats(table: &Table) -> bool {
    table.header
        && table.rows.len() > 1
        && table.rows[1..].iter().all(|row| row.iter().any(|cell| matches!(cell.kind, CellKind::Entry(_))))
}

/// What a column of a repeating table holds, from its heading: the occupation picked from the
/// table, its code, its level, or anything else.
pub fn column_role(heading: &str) -> Option<&'static str> {
    if heading.contains("职业编码") {
        Some("code")
    } else if heading.contains("等级") && !heading.contains("范围") {
        Some("level")
    } else if heading.contains("职业") {
        Some("occupation")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    #[test]
    fn outline_items_are_bracketed_ordinals() {
        let text = |s: &str| vec![Inline::Text(s.into())];
        assert_eq!(outline_id("三、举办条件", &text("（一）经营范围：")).as_deref(), Some("三、举办条件（一）"));
        assert_eq!(outline_id("五、 信用", &text("（十二）某")).as_deref(), Some("五、信用（十二）"));
        assert_eq!(outline_id("三", &text("提纲如下：")), None);
        assert_eq!(outline_id("三", &text("（1）申报单位")), None);
        assert_eq!(outline_id("", &text("（一）某")), None);
    }

    #[test]
    fn checks_and_shared_keys_come_from_labels() {
        assert_eq!(check("统一社会信用代码"), Some("credit"));
        assert_eq!(check("③手机号码"), Some("mobile"));
        assert_eq!(check("②固定电话"), Some("landline"));
        assert_eq!(check("联系电话"), Some("phone"));
        assert_eq!(check("已评价人数（人次） 第1行"), Some("count"));
        assert_eq!(check("签订时间（年）"), Some("year"));
        assert_eq!(check("单位名称"), None);
        assert_eq!(shared_key("机构名称"), shared_key("单位名称"));
        assert_eq!(shared_key("③手机号码"), shared_key("联系电话"));
        assert_eq!(shared_key("②固定电话"), None);
        assert_eq!(shared_key("单位名称（公章）"), None);
    }

    #[test]
    fn a_title_names_the_field_in_its_brackets() {
        let field = title_field("（单位名称）社会评价组织再评估遴选申报表").expect("a field");
        assert_eq!(
            field,
            TitleField {
                before: "",
                placeholder: "（单位名称）",
                after: "社会评价组织再评估遴选申报表",
                key: "单位名称"
            }
        );
        assert_eq!(field.marker_id(), "title:单位名称");
        let later = title_field("关于（试行）的（机构名称）承诺").expect("the second brackets");
        assert_eq!((later.before, later.placeholder, later.after), ("关于（试行）的", "（机构名称）", "承诺"));
        assert_eq!(title_field("职业技能等级认定机构工作承诺书（试行）"), None);
        assert_eq!(title_field("（单位名称"), None);
    }

    #[test]
    fn a_table_of_alike_rows_repeats() {
        let doc = parse("| 序号 | 职业编码 |\n| --- | --- |\n| 1 |  |\n| 2 |  |\n\n| 单位名称 |  |\n| --- | --- |\n")
            .expect("shallow");
        let tables: Vec<&Table> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert!(repeats(tables[0]));
        assert!(!repeats(tables[1]));
        assert_eq!(column_role("职业编码"), Some("code"));
        assert_eq!(column_role("拟申报等级"), Some("level"));
        assert_eq!(column_role("已备案等级范围（未备案不填）"), None);
        assert_eq!(column_role("拟申报职业（工种）"), Some("occupation"));
    }
}

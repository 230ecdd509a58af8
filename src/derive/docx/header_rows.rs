//! Header rows Word repeats on every page a table runs onto: docx-rs has no `w:tblHeader`, so
//! it is written into the header rows' `w:trPr` after the build (as `schema_order` sorts what
//! docx-rs writes out of order). Every row already has `w:cantSplit`, so a row never breaks
//! across pages and the repeated header always sits above whole rows.

/// `xml` (`word/document.xml`) with `<w:tblHeader />` in the row properties of the first
/// `headers[i]` rows of the i-th table, tables counted in document order. The writer makes no
/// nested tables, so the rows after a table's `<w:tbl>` up to the next are its own.
pub(super) fn mark_header_rows(xml: &str, headers: &[usize]) -> String {
    const TABLE: &str = "<w:tbl>";
    const ROW_PROPERTIES: &str = "<w:trPr>";
    const END: &str = "</w:trPr>";
    const HEADER: &str = "<w:tblHeader />";
    let mut out = String::with_capacity(xml.len() + HEADER.len() * headers.iter().sum::<usize>());
    let mut pos = 0;
    for &count in headers {
        let Some(table) = xml[pos..].find(TABLE).map(|at| pos + at + TABLE.len()) else {
            break;
        };
        out.push_str(&xml[pos..table]);
        pos = table;
        for _ in 0..count {
            let Some(end) =
                xml[pos..].find(ROW_PROPERTIES).and_then(|at| xml[pos + at..].find(END).map(|end| pos + at + end))
            else {
                break;
            };
            out.push_str(&xml[pos..end]);
            out.push_str(HEADER);
            pos = end;
        }
    }
    out.push_str(&xml[pos..]);
    out
}

//! Crafted Word and Excel files, made here rather than kept in the repository: a part whose
//! header declares gigabytes, a header that lies, a shared-string count of trillions, deep
//! content controls, a span of billions of columns, sheets hidden and shown.

use std::io::{Read, Write};

/// A Word file of `document` as `word/document.xml`, with the parts Word expects beside it.
pub fn docx(document: &str) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    zip_of(&[
        ("[Content_Types].xml", content_types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ])
}

/// `body` inside a WordprocessingML document.
pub fn word_body(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
{body}
</w:body></w:document>"#
    )
}

/// A paragraph of `text`.
pub fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A zip of `parts`, deflated.
pub fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        writer.start_file(*name, options).expect("start a part");
        writer.write_all(bytes).expect("write a part");
    }
    writer.finish().expect("finish the zip").into_inner()
}

/// The zip `bytes` with each part passed through `edit` (name, bytes → new bytes).
pub fn rezip(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).expect("a part");
        let name = part.name().expect("a part's name").into_owned();
        let mut data = Vec::new();
        part.read_to_end(&mut data).expect("read a part");
        parts.push((name.clone(), edit(&name, data)));
    }
    let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    zip_of(&parts)
}

/// Writes `size` as the uncompressed size the zip's headers (local and central) declare for
/// `part`: what a zip bomb declares, or a header that lies about what follows.
pub fn declare_size(bytes: &mut [u8], part: &str, size: u32) {
    let mut patched = 0;
    for at in 0..bytes.len().saturating_sub(46) {
        // Where the uncompressed size, the name's length and the name are in each header.
        let (size_at, name_len_at, name_at) = match &bytes[at..at + 4] {
            b"PK\x03\x04" => (22, 26, 30),
            b"PK\x01\x02" => (24, 28, 46),
            _ => continue,
        };
        let name_len = usize::from(u16::from_le_bytes([bytes[at + name_len_at], bytes[at + name_len_at + 1]]));
        if bytes.get(at + name_at..at + name_at + name_len) == Some(part.as_bytes()) {
            bytes[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "{part}: one local and one central header");
}

/// A sheet to write into a workbook: its name, whether hidden, its rows.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub hidden: bool,
    pub rows: &'a [Vec<String>],
}

/// A workbook of `sheets` in order; whole numbers as number cells, as Excel keeps them.
pub fn workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(sheet.name).expect("a sheet name");
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r).expect("a small sheet");
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).expect("a narrow sheet");
                match cell.parse::<u32>() {
                    Ok(n) => worksheet.write_number(r, c, f64::from(n)).map(|_| ()),
                    Err(_) => worksheet.write_string(r, c, cell).map(|_| ()),
                }
                .expect("write a cell");
            }
        }
        if sheet.hidden {
            worksheet.set_hidden(true);
        }
    }
    // The first sheet shown is the one Excel opens at.
    if let Some(first) = sheets.iter().position(|s| !s.hidden) {
        workbook.worksheet_from_index(first).expect("the sheet").set_active(true);
    }
    workbook.save_to_buffer().expect("save the workbook")
}

/// The rows as one visible sheet, with `extra` written at the 0-based (row, column).
pub fn workbook_with_cell(rows: &[Vec<String>], extra: (u32, u16, &str)) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let worksheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (u32::try_from(r).expect("small"), u16::try_from(c).expect("narrow"));
            worksheet.write_string(r, c, cell).expect("write a cell");
        }
    }
    worksheet.write_string(extra.0, extra.1, extra.2).expect("write the far cell");
    workbook.save_to_buffer().expect("save the workbook")
}

//! A blank form as a Word document (.docx).

use crate::model::Form;

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot write the Word file: {0}")]
    Write(String),
}

/// Writes `form` as a .docx; `date` is stamped as the document's creation date so that
/// rebuilding gives identical bytes.
pub fn form_docx(form: &Form, date: jiff::civil::Date) -> Result<Vec<u8>, DocxError> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let created = format!("{date}T00:00:00Z");
    docx_rs::Docx::new()
        .created_at(&created)
        .updated_at(&created)
        .add_paragraph(
            docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text(&form.heading)),
        )
        .build()
        .pack(&mut buffer)
        .map_err(|e| DocxError::Write(e.to_string()))?;
    Ok(buffer.into_inner())
}

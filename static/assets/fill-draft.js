// The fill pages' drafts: what is filled in, as the file "导出草稿" writes and the text this
// device's localStorage keeps, and read back. Pure; tests/js/fill.test.mjs runs it.

const DRAFT_FORMAT = "linxuan-fill-draft";

// A draft as the file it is exported to and the text localStorage keeps.
function serialiseDraft(form, state) {
  return JSON.stringify({ format: DRAFT_FORMAT, version: 1, form, values: state.values, rows: state.rows }, null, 1);
}

// A draft read back; throws with a message a reader understands when it is not one.
function parseDraft(text, form) {
  let draft;
  try {
    draft = JSON.parse(text);
  } catch {
    throw new Error("这个文件不是草稿文件（无法读取）");
  }
  if (!draft || draft.format !== DRAFT_FORMAT) throw new Error("这个文件不是本站导出的草稿");
  if (form && draft.form !== form) throw new Error("这个草稿属于另一张表");
  const strings = (o) => Object.fromEntries(Object.entries(o || {}).filter(([, v]) => typeof v === "string"));
  return {
    values: strings(draft.values),
    rows: Array.isArray(draft.rows) ? draft.rows.map(strings) : [],
  };
}

export { serialiseDraft, parseDraft };

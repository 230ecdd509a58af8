// The filled Word file: word/document.xml of the form's filled variant (derive/docx writes a
// marker ⟦id⟧ in each field's place) with the values put in, zipped with the other parts.
// Only markers the build wrote are replaced; nothing is laid out here.

const xmlEscape = (text) => String(text)
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
  .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const marker = (id) => `\u27e6${xmlEscape(id)}\u27e7`;
const MARKER = /\u27e6([^\u27e7]*)\u27e7/g;
const unescapeXml = (text) => text.replace(/&quot;/g, "\"").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&apos;/g, "'").replace(/&amp;/g, "&");

// A value as run text: line breaks as Word breaks.
const runText = (value) => String(value).split(/\r?\n/).map(xmlEscape).join("</w:t><w:br/><w:t xml:space=\"preserve\">");

// The element of `tag` (w:tr, w:p) around position `at` of `xml`: [start, end).
function around(xml, tag, at) {
  let start = xml.lastIndexOf(`<${tag} `, at);
  const bare = xml.lastIndexOf(`<${tag}>`, at);
  if (bare > start) start = bare;
  const close = `</${tag}>`;
  const end = xml.indexOf(close, at);
  return start < 0 || end < 0 ? null : [start, end + close.length];
}

// word/document.xml of the filled variant with the values in: `values` by field id, `rows`
// the rows of the repeating table (objects by column, e.g. "拟申报等级"), `options` the
// ticked box of each option group (id → index), `outlines` the ids of the outline answers
// (an empty one drops its paragraph), `blanks` the width of each blank (an empty one stays
// a blank).
function fillXml(xml, { values = {}, rows = [], options = {}, outlines = [], blanks = {} }) {
  // The repeating row: one copy per row filled (at least one).
  const at = xml.indexOf(marker("#"));
  if (at >= 0) {
    const span = around(xml, "w:tr", at);
    if (span) {
      const template = xml.slice(span[0], span[1]);
      const filled = rows.filter((r) => Object.values(r).some((v) => String(v || "").trim()));
      const list = filled.length ? filled : [{}];
      const copies = list.map((row, k) => {
        let n = 0;
        return template
          .replace(marker("#"), String(k + 1))
          .replace(/\u27e6([^\u27e7]*)-1\u27e7/g, (_, column) => runText(row[unescapeXml(column)] || ""))
          // Word wants paragraph ids unique: the copies after the first get new ones.
          .replace(/w14:paraId="[0-9A-F]{8}"/g, (id) => k === 0 ? id
            : `w14:paraId="${(0x10000000 + k * 0x1000 + n++).toString(16).toUpperCase().padStart(8, "0")}"`);
      });
      xml = xml.slice(0, span[0]) + copies.join("") + xml.slice(span[1]);
    }
  }
  // Outline answers: the text, or no paragraph at all.
  for (const id of outlines) {
    const m = marker(id);
    const pos = xml.indexOf(m);
    if (pos < 0) continue;
    const value = String(values[id] || "").trim();
    if (value) {
      xml = xml.slice(0, pos) + runText(value) + xml.slice(pos + m.length);
    } else {
      const span = around(xml, "w:p", pos);
      if (span) xml = xml.slice(0, span[0]) + xml.slice(span[1]);
    }
  }
  // Everything else: boxes ticked or not, values, or the blank as printed.
  return xml.replace(MARKER, (_, raw) => {
    const id = unescapeXml(raw);
    const box = id.match(/^(.*)#(\d+)$/);
    if (box && box[1] in options) return String(options[box[1]]) === box[2] ? "\u2611" : "\u25a1";
    if (box && !(id in values)) return "\u25a1";
    const value = String(values[id] || "").trim();
    if (value) return runText(value);
    return "\u00a0".repeat(2 * (blanks[id] || 0));
  });
}

// The .docx: the page's parts ([path, text], in the order the build wrote them) with
// word/document.xml filled in (fillXml's `fill`), zipped by the vendored fflate, a classic
// script the fill page loads beside its modules (it defines window.fflate).
function wordFile(parts, fill) {
  const { fflate } = window;
  const files = {};
  for (const [path, text] of parts) {
    files[path] = fflate.strToU8(path === "word/document.xml" ? fillXml(text, fill) : text);
  }
  return fflate.zipSync(files, { level: 6, mtime: new Date(1980, 0, 1) });
}

export { xmlEscape, fillXml, wordFile };

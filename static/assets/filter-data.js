// The notice filter's reading of search/table.json (render/table_data.rs), for a table longer
// than the notice page holds: imported only on such a page, so a short table's page does not
// carry it (filter-form.js imports it when the page names the data; the notice template
// preloads it). filter-form.js calls rowsFromData once the data has come.
// The fill pages read the same file with it (fill-picker.js), for their occupation pickers.
import * as match from "./match.js";

// A row of search/table.json (one array per field) as filter.js's readRow reads a
// row of the table's HTML, with what a row shows (url, title, levelsText, levelsLabel).
// Reading a row keeps only its place in the data and its code: everything else is worked
// out when a filter, a sort or the table first asks for it (most rows are never asked for
// most things), and the answers a filter asks again (the name as matched, the pinyin keys)
// are kept. Reading 10,000 rows eagerly cost most of the time before the first view.
class DataRow {
  constructor(data, i, set) {
    this.data = data;
    this.i = i;
    this.set = set;
    this.code = String(data.code[i]);
    this.levels = set.levels;
    this.seq = Number(data.seq[i]);
    this.count = Number(data.count[i]) || 0;
    this.tr = undefined;
    this.matched = null;
    this.aliasList = null;
    this.keys = null;
    this.sortKey = null;
  }

  // The fields of match.occupation.
  get name() {
    if (this.matched === null) this.matched = match.normalize(this.data.name[this.i]);
    return this.matched;
  }

  get aliases() {
    if (this.aliasList === null) {
      const text = this.data.aliases && this.data.aliases[this.i];
      this.aliasList = text ? text.split(" ").map(match.normalize).filter(Boolean) : [];
    }
    return this.aliasList;
  }

  get major() {
    const dash = this.code.indexOf("-");
    return dash < 0 ? this.code : this.code.slice(0, dash);
  }

  get middle() {
    const dash = this.code.indexOf("-");
    const dash2 = dash < 0 ? -1 : this.code.indexOf("-", dash + 1);
    return dash2 < 0 ? this.code : this.code.slice(0, dash2);
  }

  get title() { return this.data.name[this.i]; }

  get link() { return this.data.url; }

  get levelsText() { return this.set.text; }

  get levelsLabel() { return this.set.label; }

  get spellings() { return String(this.data.spellings[this.i] || ""); }

  // match.pinyinTokens' keys (each spelling whole and as initials, the preferred one from
  // each later syllable on), without its check for repeats (a key twice matches the same).
  // A pinyin query typed at once needs every row's keys, so each spelling is split into
  // syllables once, an other spelling's syllables are the preferred ones with its changes
  // put in, and no text is joined only to be split again.
  get pinyin() {
    if (this.keys) return this.keys;
    const keys = [];
    const parts = this.spellings.split("|");
    const plain = PLAIN.test(parts[0]);
    const first = syllablesOf(parts[0]);
    addKeys(keys, first, true);
    for (let n = 1; n < parts.length; n++) {
      const part = parts[n];
      if (part.charAt(0) === "=") addKeys(keys, syllablesOf(part.slice(1)), false);
      else if (!plain || !CHANGES.test(part)) addKeys(keys, syllablesOf(changed(parts[0].split(" "), part).join(" ")), false);
      else addKeys(keys, changed(first, part), false);
    }
    this.keys = keys;
    return keys;
  }

  get url() { return this.link.split("{code}").join(this.code); }

  get pinyinKey() {
    if (this.sortKey === null) this.sortKey = match.normalize(this.spellings.split("|")[0]);
    return this.sortKey;
  }

  get codeKey() { return this.code.split("-").map(Number); }
}

// A spelling as the data writes it: lower-case letters, digits, single spaces; and an other
// spelling's changes made of such syllables ("4:diao,6:yun").
const PLAIN = /^[a-z0-9 ]*$/;
const CHANGES = /^[a-z0-9:,]*$/;

// A spelling's syllables, as match.normalize reads it.
const syllablesOf = (text) => (PLAIN.test(text) ? text : match.normalize(text)).split(" ");

// `syllables` with the changes of an other spelling put in (a copy).
function changed(syllables, changes) {
  const out = syllables.slice();
  changes.split(",").forEach((change) => {
    const colon = change.indexOf(":");
    out[Number(change.slice(0, colon))] = change.slice(colon + 1);
  });
  return out;
}

// A spelling's keys: whole, its initials (the first character of each syllable) and, for
// the preferred one (`suffixes`), from each later syllable on. No empty key.
function addKeys(keys, syllables, suffixes) {
  const whole = syllables.join("");
  if (!whole) return;
  let initials = "";
  for (let k = 0; k < syllables.length; k++) {
    const syllable = syllables[k];
    if (!syllable) continue;
    const c = syllable.charCodeAt(0);
    initials += c >= 0xd800 && c < 0xdc00 ? syllable.slice(0, 2) : syllable.charAt(0);
  }
  keys.push(whole, initials);
  for (let at = 0, k = 0; suffixes && k < syllables.length - 1; k++) {
    at += syllables[k].length;
    if (at < whole.length) keys.push(whole.slice(at));
  }
}

// A row's spellings as table.json writes them: the preferred one, then each other one
// either as the syllables where it differs ("4:diao,6:yun": syllable 4 is diao, 6 is yun)
// or, after "=", whole.
function spellingsOf(text) {
  const parts = text.split("|");
  const first = parts[0].split(" ");
  return parts.map((part, n) => {
    if (n === 0) return part;
    if (part.charAt(0) === "=") return part.slice(1);
    return changed(first, part).join(" ");
  });
}

function rowsFromData(data) {
  const sets = data.level_sets.map(([numbers, text, label]) => ({
    levels: String(numbers).split(/\s+/).filter(Boolean), text, label,
  }));
  return data.code.map((_, i) => new DataRow(data, i, sets[data.levels[i]]));
}

// Makes the rows' pinyin keys in idle moments after the first view, so that a pinyin query
// typed a moment later finds them made; a query typed sooner makes the rest as it goes.
function warm(rows) {
  const later = window.requestIdleCallback || ((f) => setTimeout(() => f({ timeRemaining: () => 8 }), 0));
  let next = 0;
  const step = (deadline) => {
    while (next < rows.length && deadline.timeRemaining() > 1) void rows[next++].pinyin;
    if (next < rows.length) later(step);
  };
  later(step);
}

export { rowsFromData, spellingsOf, warm };

// The notice filter's reading of search/table.json (render/table_data.rs), for a table longer
// than the notice page holds: loaded only on such a page, so a short table's page does not
// carry it (filter.js adds it to the page). filter.js calls rowsFromData once the data has come.
// The fill pages read the same file with it (fill.js), for their occupation pickers.
//
// A classic script like the others: window.linxuanFilterData in the page, module.exports
// under Node (tests/js/table_data.test.mjs).
(() => {
  "use strict";
  const match = typeof window === "object" ? window.linxuanMatch : require("./match.js");

  // A row of search/table.json (one array per field) as filter.js's readRow reads a
  // row of the table's HTML, with what a row shows (url, title, levelsText, levelsLabel). The
  // pinyin keys, the name's sort key and the code's numbers are worked out when a filter or a
  // sort first asks for them: most rows are never asked, and reading 10,000 rows eagerly cost
  // most of the time before the first filtered view.
  class DataRow {
    constructor(data, i, set) {
      const code = String(data.code[i]);
      const dash = code.indexOf("-");
      const dash2 = dash < 0 ? -1 : code.indexOf("-", dash + 1);
      const aliases = data.aliases && data.aliases[i];
      // The fields of match.occupation, assigned one by one: Object.assign onto a class
      // with accessors took most of the time of reading a row.
      this.name = match.normalize(data.name[i]);
      this.code = code;
      this.aliases = aliases ? aliases.split(" ").map(match.normalize).filter(Boolean) : [];
      this.levels = set.levels;
      this.seq = Number(data.seq[i]);
      this.major = dash < 0 ? code : code.slice(0, dash);
      this.middle = dash2 < 0 ? code : code.slice(0, dash2);
      this.count = Number(data.count[i]) || 0;
      this.title = data.name[i];
      this.link = data.url;
      this.levelsText = set.text;
      this.levelsLabel = set.label;
      this.tr = undefined;
      this.spellings = String(data.spellings[i] || "");
      this.keys = null;
      this.sortKey = null;
    }

    // match.pinyinTokens' keys (each spelling whole and as initials, the preferred one from
    // each later syllable on), made with a few string operations per spelling rather than one
    // per syllable, and without its check for repeats: a key twice matches the same.
    get pinyin() {
      if (this.keys) return this.keys;
      const keys = [];
      spellingsOf(this.spellings).forEach((raw, n) => {
        const spelling = /^[a-z0-9 ]*$/.test(raw) ? raw : match.normalize(raw);
        keys.push(spelling.replace(/ /g, ""), spelling.replace(/([^ ])[^ ]*/gu, "$1").replace(/ /g, ""));
        for (let at = spelling.indexOf(" "); n === 0 && at >= 0; at = spelling.indexOf(" ", at + 1)) {
          keys.push(spelling.slice(at + 1).replace(/ /g, ""));
        }
      });
      this.keys = keys.filter(Boolean);
      return this.keys;
    }

    get url() { return this.link.split("{code}").join(this.code); }

    get pinyinKey() {
      if (this.sortKey === null) this.sortKey = match.normalize(this.spellings.split("|")[0]);
      return this.sortKey;
    }

    get codeKey() { return this.code.split("-").map(Number); }
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
      const syllables = first.slice();
      part.split(",").forEach((change) => {
        const colon = change.indexOf(":");
        syllables[Number(change.slice(0, colon))] = change.slice(colon + 1);
      });
      return syllables.join(" ");
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

  const api = { rowsFromData, spellingsOf, warm };
  if (typeof module === "object" && module.exports) module.exports = api;
  else window.linxuanFilterData = api;
})();

// The fill pages' drafts: the text of the file "导出草稿" writes and of this device's
// localStorage, and where this device keeps them.

const DRAFT_FORMAT = "linxuan-fill-draft";

// A draft as the file it is exported to and the text localStorage keeps.
function serialiseDraft(form, state) {
  const saved = new Date().toISOString();
  return JSON.stringify({ format: DRAFT_FORMAT, version: 1, form, saved, values: state.values, rows: state.rows }, null, 1);
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

// The drafts this device keeps for the form `form` of the fill page at `path`: the form's own,
// and the values the forms share (单位名称 and the like), per site (the path before forms/).
// null where storage is missing or refused (privacy settings).
// The site a fill page's path belongs to (the path before forms/), and the form it fills.
const FILL_PATH = /forms\/([^/]+)\/fill\/(index\.html)?$/;
const keyOf = (path, form) => `linxuan-fill:${path.replace(FILL_PATH, "")}:${form}`;

function draftStore(form, path) {
  const draftKey = keyOf(path, form);
  const sharedKey = keyOf(path, "shared");
  let storage;
  try {
    storage = window.localStorage;
    storage.getItem(draftKey);
  } catch {
    return null;
  }
  const shared = () => {
    try {
      return JSON.parse(storage.getItem(sharedKey) || "{}") || {};
    } catch {
      return {};
    }
  };
  return {
    // The last typed of the values both forms ask for, by key.
    shared,
    // The form's draft, or null; one that cannot be read is dropped.
    draft() {
      const text = storage.getItem(draftKey);
      if (!text) return null;
      try {
        return parseDraft(text, form);
      } catch {
        storage.removeItem(draftKey);
        return null;
      }
    },
    // Keeps `state` and the shared values in `values`; throws when storage refuses.
    save(state, values) {
      storage.setItem(draftKey, serialiseDraft(form, state));
      storage.setItem(sharedKey, JSON.stringify(Object.assign(shared(), values)));
    },
    clear() {
      storage.removeItem(draftKey);
      storage.removeItem(sharedKey);
    },
  };
}

// When this device last saved a draft of the form that the fill page at `path` fills: a Date
// (an invalid one for a draft saved before drafts were dated), or null when there is none or
// storage is refused.
function draftSaved(path) {
  const form = (path.match(FILL_PATH) || [])[1];
  if (!form) return null;
  try {
    const text = window.localStorage.getItem(keyOf(path, form));
    if (!text) return null;
    return new Date(JSON.parse(text).saved);
  } catch {
    return null;
  }
}

export { serialiseDraft, parseDraft, draftStore, draftSaved };

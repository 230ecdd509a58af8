// The console of linxuan's preview: shows the state the server gives (/_linxuan/state) and asks
// for it again on each `state` event (a build served or failed, a publication moving on); saves
// the essentials form and starts 发布 with POSTs that carry the page's secret.

const token = document.querySelector('meta[name="linxuan-token"]').content;
const texts = JSON.parse(document.getElementById("texts").textContent);

/** The catalogue's text of `key`, its %{name} placeholders filled from `args`. */
function t(key, args = {}) {
  let text = texts[key] ?? key;
  for (const [name, value] of Object.entries(args)) text = text.replaceAll(`%{${name}}`, String(value));
  return text;
}

function element(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const child of children) e.append(child);
  return e;
}

/** POSTs `body` as JSON with the secret; resolves to { status, data } (data.message for text). */
async function post(path, body) {
  const reply = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-linxuan-token": token },
    body: JSON.stringify(body),
  });
  const json = (reply.headers.get("content-type") || "").includes("json");
  const data = json ? await reply.json() : { message: await reply.text() };
  return { status: reply.status, data };
}

// ---------------------------------------------------------------------------------------------
// 检查结果 and 待发布的更改

function showProblems(state) {
  const section = document.getElementById("problems");
  const errors = state.problems.filter((p) => p.error).length;
  const warnings = state.problems.length - errors;
  const summary = state.problems.length ? t("console.problems_count", { errors, warnings }) : t("console.problems_none");
  section.querySelector(".summary").textContent = state.broken ? `${t("console.problems_broken")} ${summary}` : summary;
  const item = (p) => element("li", { className: p.error ? "error" : "warning" }, [element("span", { className: "at", textContent: p.at }), p.message]);
  section.querySelector(".lines").replaceChildren(...state.problems.filter((p) => p.error).map(item));
  // Warnings (placeholders above all) can be many: folded, so the form stays in reach.
  const folded = section.querySelector("details");
  folded.hidden = !warnings;
  folded.querySelector("summary").textContent = t("console.warnings_show", { count: warnings });
  folded.querySelector("ul").replaceChildren(...state.problems.filter((p) => !p.error).map(item));
}

function showPending(state) {
  const section = document.getElementById("pending");
  const lines = state.pending;
  let summary = t("console.pending_intro");
  if (lines === null) summary = t("console.pending_unknown");
  else if (!lines.length) summary = t("console.pending_none");
  section.querySelector(".summary").textContent = summary;
  section.querySelector(".lines").replaceChildren(...(lines || []).map((line) => element("li", { textContent: line })));
}

// ---------------------------------------------------------------------------------------------
// 通知要素

const form = document.getElementById("essentials-form");
const contacts = document.getElementById("contacts");
/** The version of config.toml the form was filled from; a save names it. */
let version = null;
/** Edited since it was filled: a rebuild does not overwrite what is being typed. */
let dirty = false;
form.addEventListener("input", () => (dirty = true));

function contactRow(contact = { name: "", phone: "" }) {
  const row = element("div", { className: "contact" });
  const name = element("input", { name: "contact_name", value: contact.name, autocomplete: "off" });
  const phone = element("input", { name: "contact_phone", type: "tel", value: contact.phone, autocomplete: "off" });
  const remove = element("button", { type: "button", textContent: t("console.contact_remove") });
  remove.addEventListener("click", () => {
    row.remove();
    dirty = true;
    numberContacts();
  });
  row.append(
    element("label", {}, [element("span", { textContent: t("console.contact_name") }), name]),
    element("label", {}, [element("span", { textContent: t("console.contact_phone") }), phone]),
    remove,
    element("p", { className: "field-error" }),
    element("p", { className: "field-error" }),
  );
  return row;
}

/** The error lines of contact N say which row they are for: notice.contacts[N].name / .phone. */
function numberContacts() {
  contacts.querySelectorAll(".contact").forEach((row, i) => {
    const [name, phone] = row.querySelectorAll(".field-error");
    name.dataset.field = `notice.contacts[${i + 1}].name`;
    phone.dataset.field = `notice.contacts[${i + 1}].phone`;
  });
}

document.getElementById("add-contact").addEventListener("click", () => {
  const row = contactRow();
  contacts.append(row);
  numberContacts();
  dirty = true;
  row.querySelector("input").focus();
});

function fill(values) {
  const f = form.elements;
  const [date, time] = values.deadline.split(" ");
  f.deadline_date.value = date || "";
  f.deadline_time.value = time || "";
  f.submission.value = values.submission.join("\n");
  for (const key of ["addressee", "signature", "signed_date", "audience", "sponsor", "site_code", "icp", "police"]) {
    f[key].value = values[key];
  }
  contacts.replaceChildren(...values.contacts.map(contactRow));
  numberContacts();
  dirty = false;
}

function values() {
  const f = form.elements;
  const date = f.deadline_date.value;
  const time = f.deadline_time.value;
  const value = (key) => f[key].value;
  return {
    addressee: value("addressee"),
    deadline: date || time ? `${date} ${time}` : "",
    submission: value("submission").split("\n"),
    contacts: [...contacts.querySelectorAll(".contact")].map((row) => ({
      name: row.querySelector('[name="contact_name"]').value,
      phone: row.querySelector('[name="contact_phone"]').value,
    })),
    signature: value("signature"),
    signed_date: value("signed_date"),
    audience: value("audience"),
    sponsor: value("sponsor"),
    site_code: value("site_code"),
    icp: value("icp"),
    police: value("police"),
  };
}

const status = form.querySelector(".status");

/** Shows each message beside its field; those of no field shown above the form. */
function showErrors(errors) {
  form.querySelectorAll(".field-error").forEach((p) => (p.textContent = ""));
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  const general = [];
  for (const error of errors) {
    const place = error.field && form.querySelector(`.field-error[data-field="${CSS.escape(error.field)}"]`);
    if (!place) {
      general.push(error.message);
      continue;
    }
    place.textContent = place.textContent ? `${place.textContent} ${error.message}` : error.message;
    const inputs = place.closest("fieldset.deadline")?.querySelectorAll("input") ?? [place.previousElementSibling];
    for (const input of inputs) input?.setAttribute("aria-invalid", "true");
  }
  form.querySelector(".form-errors").replaceChildren(...general.map((m) => element("p", { textContent: m })));
}

/** Set while config.toml does not read as a config: the form shows why and takes no input. */
let locked = false;

function showEssentials(current) {
  const wasLocked = locked;
  locked = !current.values;
  for (const control of form.querySelectorAll("fieldset, input, textarea, button[type=submit]")) control.disabled = locked;
  if (locked) {
    showErrors([{ field: null, message: current.error }]);
    version = current.version;
    return;
  }
  if (wasLocked) showErrors([]);
  if (!dirty || version === null || wasLocked) {
    fill(current.values);
    version = current.version;
  } else if (current.version !== version) {
    status.textContent = t("console.changed_elsewhere");
  }
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const sent = values();
  const [date, time] = [form.elements.deadline_date.value, form.elements.deadline_time.value];
  if (Boolean(date) !== Boolean(time)) {
    showErrors([{ field: "notice.deadline", message: t("console.deadline_incomplete") }]);
    return;
  }
  status.textContent = t("console.saving");
  const { status: code, data } = await post("/_linxuan/essentials", { version, values: sent });
  if (code === 200) {
    showErrors([]);
    version = data.version;
    dirty = false;
    status.textContent = data.changed ? t("console.saved") : t("console.unchanged");
  } else if (code === 422) {
    showErrors(data.errors);
    status.textContent = t("console.invalid", { count: data.errors.length });
  } else {
    showErrors([]);
    status.textContent = data.message;
  }
});

document.getElementById("reload-form").addEventListener("click", async () => {
  dirty = false;
  version = null;
  showErrors([]);
  status.textContent = "";
  await refresh();
});

// ---------------------------------------------------------------------------------------------
// 发布

const publishForm = document.getElementById("publish-form");
const result = document.querySelector("#publish .result");

function showPublish(job) {
  publishForm.querySelector("button").disabled = job.running;
  const reached = job.stage ?? -1;
  document.querySelectorAll("#publish .stages li").forEach((li, i) => {
    let kind = "";
    if (i < reached || (i === reached && job.result)) kind = "done";
    else if (i === reached) kind = job.running ? "current" : "failed";
    li.className = kind;
    if (kind === "current") li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
  });
  let lines = [];
  let kind = "";
  if (job.running) lines = [t("console.publishing")];
  else if (job.result) {
    const r = job.result;
    kind = "done";
    lines = [t("console.published", { seconds: (r.ms / 1000).toFixed(1) }), ...r.summary];
  } else if (job.error) {
    kind = "failed";
    lines = [t("console.failed"), ...job.error];
  }
  result.className = `result ${kind}`;
  result.replaceChildren(...lines.map((line) => element("p", { textContent: line })));
  if (job.result) {
    result.dataset.package = job.result.package;
    result.dataset.packageBytes = job.result.package_bytes;
    result.dataset.ms = job.result.ms;
  }
  result.dataset.run = job.run;
}

publishForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = publishForm.querySelector("button");
  button.disabled = true;
  const { status: code, data } = await post("/_linxuan/publish", { note: publishForm.elements.note.value });
  if (code !== 202) {
    result.className = "result failed";
    result.replaceChildren(element("p", { textContent: data.message }));
    button.disabled = false;
  }
});

// ---------------------------------------------------------------------------------------------
// The state, now and after each event

let asking = null;
let again = false;

async function refresh() {
  if (asking) {
    again = true;
    return asking;
  }
  asking = (async () => {
    do {
      again = false;
      const reply = await fetch("/_linxuan/state", { cache: "no-store" });
      if (!reply.ok) throw new Error(await reply.text());
      const state = await reply.json();
      showProblems(state);
      showPending(state);
      showEssentials(state.essentials);
      showPublish(state.publish);
      document.body.dataset.generation = state.generation;
    } while (again);
  })();
  try {
    await asking;
  } finally {
    asking = null;
  }
}

const offline = document.getElementById("offline");
const events = new EventSource("/_linxuan/events");
events.addEventListener("open", () => (offline.hidden = true));
// The server stopped: say so; the browser reconnects by itself when it is back.
events.addEventListener("error", () => (offline.hidden = false));
events.addEventListener("state", () => refresh().catch(() => (offline.hidden = false)));
refresh().then(() => (document.body.dataset.ready = "true"));

// The one combobox of the site (an input with a listbox of options, WAI-ARIA 1.2): the header
// search's suggestions (search.js) and the fill pages' occupation pickers (fill-picker.js).
// Focus stays in the input: the arrow keys move aria-activedescendant and aria-selected
// through the options and back to the input itself, Enter chooses the highlighted option,
// Escape closes the list, leaving the input closes it too. A mouse press on an option does not
// take the focus from the input; its click chooses it.
//
// combobox(input, { id, className, label, place, onArrowClosed, onEscapeClosed, enterPicksSole })
//   place           puts the listbox in the page (default: right after the input)
//   onArrowClosed   an arrow key while the list is closed (the picker opens it)
//   onEscapeClosed  Escape while the list is closed (the header box empties itself)
//   enterPicksSole  Enter chooses the only option even when none is highlighted
// returns { list, show(options), close() }; an option is { key, content (text or a node),
// className, choose() }, or without `choose`, a line that is read out but cannot be chosen
// (none found, search unavailable).
export function combobox(input, { id, className, label, place, onArrowClosed, onEscapeClosed, enterPicksSole = false }) {
  const list = document.createElement("ul");
  list.id = id;
  list.className = className;
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", label);
  list.hidden = true;
  if (place) place(list);
  else input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id);
  // The options that can be chosen, and the highlighted one (-1: the input itself).
  let items = [];
  let active = -1;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(i) {
    items.forEach(({ li }, j) => li.setAttribute("aria-selected", j === i ? "true" : "false"));
    active = i;
    if (i >= 0) input.setAttribute("aria-activedescendant", items[i].li.id);
    else input.removeAttribute("aria-activedescendant");
  }

  // The list's options in place of the ones before, none highlighted; no options close it.
  function show(options) {
    items = [];
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.replaceChildren(...options.map((option) => {
      const li = document.createElement("li");
      li.id = `${id}-${option.key}`;
      if (option.className) li.className = option.className;
      li.setAttribute("role", "option");
      if (option.choose) {
        li.setAttribute("aria-selected", "false");
        li.addEventListener("mousedown", (e) => e.preventDefault());
        li.addEventListener("click", () => option.choose());
        items.push({ li, choose: option.choose });
      } else {
        li.setAttribute("aria-disabled", "true");
      }
      li.append(option.content);
      return li;
    }));
    if (!options.length) return close();
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  input.addEventListener("blur", close);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden && onArrowClosed) onArrowClosed();
      if (list.hidden || !items.length) return;
      e.preventDefault();
      // Through the options and back to the input itself (-1).
      let next = active + (e.key === "ArrowDown" ? 1 : -1);
      if (next >= items.length) next = -1;
      else if (next < -1) next = items.length - 1;
      highlight(next);
    } else if (e.key === "Enter" && !list.hidden && (active >= 0 || (enterPicksSole && items.length === 1))) {
      e.preventDefault();
      items[Math.max(active, 0)].choose();
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        e.preventDefault();
        close();
      } else if (onEscapeClosed) {
        onEscapeClosed();
      }
    }
  });

  return { list, show, close };
}

// The site's one combobox (WAI-ARIA 1.2, an input with a listbox): the header search's
// suggestions (search.js) and the fill pages' occupation pickers (fill-picker.js). Focus stays
// in the input: the arrows move through the options and back to the input, Enter chooses,
// Escape closes. `show` takes options { key, content, className, choose() }; one without
// `choose` is a line read out but not chosen (none found). `place` puts the list in the page
// (default: after the input).
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
  const highlight = (i) => {
    items.forEach(({ li }, j) => li.setAttribute("aria-selected", String(j === i)));
    active = i;
    if (i >= 0) input.setAttribute("aria-activedescendant", items[i].li.id);
    else input.removeAttribute("aria-activedescendant");
  };
  const expand = (open) => {
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
  };
  const close = () => {
    expand(false);
    highlight(-1);
  };

  function show(options) {
    items = [];
    highlight(-1);
    list.replaceChildren(...options.map((option) => {
      const li = document.createElement("li");
      li.id = `${id}-${option.key}`;
      if (option.className) li.className = option.className;
      li.setAttribute("role", "option");
      if (option.choose) {
        li.setAttribute("aria-selected", "false");
        li.addEventListener("mousedown", (e) => e.preventDefault());
        li.addEventListener("click", option.choose);
        items.push({ li, choose: option.choose });
      } else {
        li.setAttribute("aria-disabled", "true");
      }
      li.append(option.content);
      return li;
    }));
    expand(options.length > 0);
  }

  input.addEventListener("blur", close);
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden && onArrowClosed) onArrowClosed();
      if (list.hidden || !items.length) return;
      e.preventDefault();
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

  return { show, close };
}

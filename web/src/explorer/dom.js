// Small helpers to build the page's DOM. Text always goes in as text,
// never as markup: names and excerpts come from data anyone may import.

/** el makes an element with attributes (class, data-*, aria-*...) and children. */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** label is how the page names an enum value: FOUNDED → founded. */
export function label(v) {
  return v.toLowerCase().replaceAll("_", " ");
}

/** language names a BCP 47 tag for a reader, keeping the tag beside it. */
export function language(tag) {
  if (!tag) return "";
  try {
    const name = new Intl.DisplayNames(["en"], { type: "language" }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

// A few helpers to build the pages without a framework.

/** h('button.primary#save', {onclick}, 'Save'): an element with classes, id, properties and children. */
export function h(spec, props = {}, ...children) {
  const [, tag, rest] = spec.match(/^([a-z0-9]+)(.*)$/);
  const el = document.createElement(tag);
  for (const part of rest.match(/[.#][^.#]+/g) ?? []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  for (const [k, v] of Object.entries(props)) {
    if (k.startsWith('data-')) el.setAttribute(k, v);
    else el[k] = v;
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c);
  return el;
}

/** Shows an API error (or nothing) in a message element. */
export function showError(el, error) {
  el.className = 'error';
  el.textContent = error ? error.message : '';
  el.hidden = !error;
}

export const fmt = (n) => (n === null || n === undefined ? '' : Number(n).toLocaleString('en-US', { maximumFractionDigits: 1 }));

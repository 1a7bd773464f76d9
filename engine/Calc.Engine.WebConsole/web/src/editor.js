// The job editor: a textarea with line numbers over a backdrop that marks each problem's span.
import { h } from './dom.js';
import { jsonSpans, spanOf, lineOf } from './jsonpaths.js';

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Creates the editor; onChange(text) is called 400 ms after the last keystroke. */
export function createEditor(text, onChange) {
  const gutter = h('pre.gutter');
  const backdrop = h('pre.backdrop');
  const area = h('textarea#job-json', { spellcheck: false, value: text });
  const list = h('ul.problems#problems');
  const root = h('div.editor', {}, h('div.editor-box', {}, gutter, h('div.editor-text', {}, backdrop, area)), list);
  let problems = [];
  let timer;

  function render() {
    const value = area.value;
    const lines = value.split('\n').length;
    gutter.textContent = Array.from({ length: lines }, (_, n) => n + 1).join('\n');
    const { spans, error } = jsonSpans(value);
    const marks = [];
    for (const p of problems) {
      const at = spanOf(spans, p.path);
      if (at) marks.push({ start: at.span[0], end: at.span[1], path: p.path, message: p.message });
    }
    if (error) marks.push({ start: error.offset, end: Math.min(value.length, error.offset + 1), path: '(syntax)', message: error.message });
    marks.sort((a, b) => a.start - b.start);
    let html = '', at = 0;
    for (const m of marks) {
      if (m.start < at) continue; // nested in a mark already shown
      html += esc(value.slice(at, m.start)) + `<mark data-path="${esc(m.path)}" title="${esc(m.message).replace(/"/g, '&quot;')}">${esc(value.slice(m.start, m.end)) || ' '}</mark>`;
      at = m.end;
    }
    backdrop.innerHTML = html + esc(value.slice(at)) + '\n';
    list.replaceChildren(...[...problems, ...(error ? [{ path: '(syntax)', message: error.message, offset: error.offset }] : [])].map((p) => {
      const at = p.offset ?? spanOf(spans, p.path)?.span[0];
      return h('li', { 'data-path': p.path, onclick: () => select(p) },
        h('code', {}, p.path || '(job)'), at === undefined ? '' : ` line ${lineOf(value, at)}: `, p.message);
    }));
    sync();
  }

  function select(p) {
    const { spans } = jsonSpans(area.value);
    const at = p.offset !== undefined ? { span: [p.offset, p.offset + 1] } : spanOf(spans, p.path);
    if (!at) return;
    area.focus();
    area.setSelectionRange(at.span[0], at.span[1]);
  }

  function sync() {
    backdrop.scrollTop = gutter.scrollTop = area.scrollTop;
    backdrop.scrollLeft = area.scrollLeft;
  }

  area.addEventListener('scroll', sync);
  area.addEventListener('input', () => {
    render();
    clearTimeout(timer);
    timer = setTimeout(() => onChange(area.value), 400);
  });
  render();
  return {
    root,
    get text() { return area.value; },
    set text(t) { area.value = t; render(); onChange(t); },
    /** Shows the service's problems ([{path, message}]) at their places. */
    setProblems(p) { problems = p ?? []; render(); },
    parses: () => !jsonSpans(area.value).error,
  };
}

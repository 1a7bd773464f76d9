// Where each value of a JSON text is: the service names problems by JSON path (settings.window,
// policies[0].aggregation), the editor highlights that span of the text. Tolerant: a text that does
// not parse gives the spans read so far and the offset of the syntax error.

/** Returns { spans: Map(path → [start, end]), error: {offset, message} | null }. */
export function jsonSpans(text) {
  const spans = new Map();
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const fail = (message) => { throw { offset: i, message }; };
  const join = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

  function string() {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('unterminated string');
    i++;
    return JSON.parse(text.slice(start, i));
  }

  function value(path) {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') i++;
      else for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a "name"');
        const keyStart = i;
        const key = string();
        ws();
        if (text[i] !== ':') fail(`expected ':' after "${key}"`);
        i++;
        value(join(path, key));
        spans.set(join(path, key), [keyStart, spans.get(join(path, key))[1]]);
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; break; }
        fail("expected ',' or '}'");
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') i++;
      else for (let n = 0; ; n++) {
        value(join(path, n));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; break; }
        fail("expected ',' or ']'");
      }
    } else if (c === '"') string();
    else {
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) fail(i >= text.length ? 'unexpected end of text' : `unexpected '${c}'`);
      i += m[0].length;
    }
    spans.set(path, [start, i]);
  }

  try {
    value('');
    ws();
    if (i < text.length) fail('text after the end of the JSON document');
    return { spans, error: null };
  } catch (e) {
    if (e instanceof Error) throw e;
    return { spans, error: e };
  }
}

/** The span of PATH, or of its nearest parent that is in the text (a missing field is shown at its object). */
export function spanOf(spans, path) {
  for (let p = path; ; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    if (spans.has(p)) return { span: spans.get(p), exact: p === path };
    if (!p || !/(\.[^.[\]]+|\[\d+\])$/.test(p)) return spans.has('') ? { span: spans.get(''), exact: false } : null;
  }
}

/** The 1-based line of OFFSET in TEXT. */
export const lineOf = (text, offset) => text.slice(0, offset).split('\n').length;

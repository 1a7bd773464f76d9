// The test pane: records in, POST /jobs/{id}/test?trace=ASSET (the stored job) or POST /test (the
// editor's text), outputs and rejected records in a table, the trace lines below.
import { api } from './api.js';
import { h, showError } from './dom.js';

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** text(): the editor's job; storedId(): the job id when the editor holds the stored version, else null. */
export function testPane(text, storedId, defaultAsset) {
  const records = h('textarea#records', { rows: 6, spellcheck: false, placeholder: 'NDJSON point records, one a line: {"orgId":"o1","modelId":"turbine","assetId":"T1","pointId":"ActivePower","time":1514764800000,"value":380.05}' });
  const asset = h('input#trace-asset', { placeholder: 'asset to trace', size: 16 });
  const file = h('input#records-file', { type: 'file', accept: '.ndjson,.json,.txt', onchange: async () => { records.value = await file.files[0].text(); } });
  const error = h('p.error#test-error', { hidden: true });
  const summary = h('p#test-summary');
  const outputs = h('tbody#test-outputs');
  const trace = h('pre.trace#test-trace');

  async function run() {
    const lines = records.value.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return l; } });
    const who = asset.value.trim() || defaultAsset();
    const q = who ? '?trace=' + encodeURIComponent(who) : '';
    const id = storedId();
    try {
      const r = id ? await api('POST', `/jobs/${encodeURIComponent(id)}/test${q}`, { records: lines })
        : await api('POST', '/test' + q, { job: JSON.parse(text()), records: lines });
      showError(error, null);
      const s = r.summary;
      summary.textContent = `${id ? 'stored version ' + r.version : 'the editor\'s job'}: read ${s.read}, outputs ${s.outputs}, rejected ${s.rejected}, filtered ${s.filtered}` + (s.problems.length ? ` · rule errors: ${s.problems.join('; ')}` : '');
      outputs.replaceChildren(...r.outputs.map((o) => h('tr', {}, h('td', {}, iso(o.time)), h('td', {}, o.assetId), h('td', {}, `${o.modelId}::${o.pointId}`), h('td.num', {}, String(o.value)))),
        ...r.rejected.map((o) => h('tr.rejected', {}, h('td', { colSpan: 3 }, `rejected line ${o.line}: ${o.reason}`), h('td', {}, ''))));
      trace.textContent = (r.trace ?? []).map((t) => `${t.at} ${t.assetId} ${t.point} = ${t.value}  #${t.step} ${t.operator} ${t.kind} ${t.detail}`).join('\n')
        + (r.traceDropped ? `\n… ${r.traceDropped} more line(s) dropped` : '');
    } catch (e) {
      showError(error, e);
    }
  }

  const root = h('section.pane', {}, h('h2', {}, 'Test'),
    h('p.small', {}, 'Paste records (or pick a file), name an asset to trace, run: nothing is stored or sent to Kafka.'),
    records, h('div.row', {}, file, h('label', {}, 'Trace ', asset), h('button.primary#run-test', { onclick: run }, 'Run test')),
    error, summary,
    h('table.grid', {}, h('thead', {}, h('tr', {}, ['Time', 'Asset', 'Point', 'Value'].map((t) => h('th', {}, t)))), outputs),
    h('h3', {}, 'Trace'), trace);
  return { root };
}

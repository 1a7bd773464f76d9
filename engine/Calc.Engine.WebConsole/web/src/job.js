// A job's page (#/job/ID) and the new-job page (#/new): the editor with live validation, versions
// with diffs, the test pane, the live chart and the job's last rule errors.
import { api } from './api.js';
import { h, showError, fmt } from './dom.js';
import { createEditor } from './editor.js';
import { controls } from './jobs.js';
import { liveChart } from './chart.js';
import { templates, chartDefaults } from './templates.js';
import { testPane } from './testpane.js';

const pretty = (job) => JSON.stringify(job, null, 2);
const idOf = (text) => { try { return JSON.parse(text).id ?? null; } catch { return null; } };

export function jobPage(app, me, id) {
  const error = h('p.error#job-error', { hidden: true });
  const state = h('span#job-state');
  const hint = h('p.note#job-hint', { hidden: true });
  const buttons = h('span.controls');
  const errors = h('ul.rule-errors#rule-errors');
  const versions = h('div#versions');
  const valid = h('span#validity');
  let stored = null, alive = true, chart = null;

  const editor = createEditor('', validate);
  const save = h('button.primary#save', { onclick: () => saveJob() }, id ? 'Save' : 'Save and start');

  async function validate(text) {
    const jobId = idOf(text) ?? id;
    if (!editor.parses()) { valid.textContent = 'not JSON'; editor.setProblems([]); return; }
    if (!jobId) { editor.setProblems([{ path: 'id', message: 'give the job an "id"' }]); return; }
    try {
      await api('PUT', `/jobs/${encodeURIComponent(jobId)}?dryRun=true`, text);
      editor.setProblems([]);
      valid.textContent = 'valid';
      valid.className = 'ok';
    } catch (e) {
      editor.setProblems(e.body?.problems ?? []);
      valid.textContent = e.body?.problems ? `${e.body.problems.length} problem(s)` : e.message;
      valid.className = 'bad';
    }
  }

  async function saveJob() {
    const jobId = idOf(editor.text) ?? id;
    try {
      const r = await api('PUT', `/jobs/${encodeURIComponent(jobId)}`, editor.text);
      showError(error, null);
      if (!id || jobId !== id) location.hash = '#/job/' + encodeURIComponent(jobId);
      else { error.hidden = false; error.className = 'note'; error.textContent = r.changed ? `saved as version ${r.version}${r.restarted ? ', restarted' : ''}` : 'unchanged'; await refresh(); }
    } catch (e) {
      editor.setProblems(e.body?.problems ?? []);
      showError(error, e);
    }
  }

  async function act(jobId, action, version) {
    try {
      await api('POST', `/jobs/${encodeURIComponent(jobId)}/${action}${version ? '?version=' + version : ''}`);
      if (action === 'rollback') stored = null; // the editor then shows the version rolled back to
      showError(error, null);
      await refresh();
    } catch (e) {
      showError(error, e);
    }
  }

  function showStatus(s) {
    state.replaceChildren(h('span.state.' + s.state, {}, s.state), ` v${s.version} · read ${fmt(s.read)} · outputs ${fmt(s.outputs)} · rejected ${fmt(s.rejected)} · lag ${fmt(s.lag)}`,
      s.error ? h('div.small', {}, s.error) : '');
    state.dataset.state = s.state;
    const topic = stored?.job?.source?.kafka?.topic;
    hint.hidden = !(s.state === 'running' && s.read === 0 && topic);
    hint.replaceChildren('Running, no records read yet: produce point records to the topic ', h('code', {}, topic ?? ''),
      ', e.g. ', h('code', {}, `calc produce FILE.ndjson --topic ${topic} --bootstrap-servers HOST:PORT`),
      ' (calc serve printed its broker\'s address at start), then "Watch live" below.');
    buttons.replaceChildren(...controls(s, act));
    const list = [...(s.error ? [s.error] : []), ...(s.problems ?? [])];
    errors.replaceChildren(...(list.length ? list.map((p) => h('li', {}, p)) : [h('li.none', {}, 'none')]));
  }

  async function loadVersions() {
    const list = await api('GET', `/jobs/${encodeURIComponent(id)}/versions`);
    versions.replaceChildren(h('table.grid', {}, h('tbody', {}, list.map((v) => h('tr', { 'data-version': v.version },
      h('td', {}, 'v' + v.version), h('td.small', {}, new Date(v.savedAt).toISOString().replace('.000', ''), h('br'), v.by ?? ''),
      h('td', {}, h('pre.diff', {}, v.diff.join('\n'))),
      h('td', {}, v.version === stored.version ? 'current' : h('button.rollback', { onclick: () => act(id, 'rollback', v.version) }, 'Roll back to this')))))));
  }

  async function refresh() {
    const got = await api('GET', `/jobs/${encodeURIComponent(id)}`);
    const first = stored === null;
    stored = got;
    showStatus(got.status);
    if (first) editor.text = pretty(got.job);
    await loadVersions();
  }

  const pick = h('select#template', { onchange: () => { const t = templates.find((x) => x.name === pick.value); if (t) editor.text = pretty(t.job); } },
    h('option', { value: '' }, id ? 'replace with a template…' : 'choose a template…'), templates.map((t) => h('option', { value: t.name }, `${t.name}: ${t.what}`)));
  const test = testPane(() => editor.text, () => id && stored && editor.text === pretty(stored.job) ? id : null, () => chartDefaults(JSON.parse(editor.text)).asset);

  const parts = [h('h1', {}, id ? `Job ${id}` : 'New job'), error];
  if (id) parts.push(h('section.pane', {}, h('div.row', {}, state, buttons), hint));
  parts.push(h('section.pane', {}, h('h2', {}, 'Job ', valid), h('div.row', {}, pick, save), editor.root));
  parts.push(test.root);
  if (id) {
    chart = liveChart(id, { asset: '', input: '', output: '' });
    parts.push(chart.root, h('section.pane', {}, h('h2', {}, 'Last rule errors'), errors), h('section.pane', {}, h('h2', {}, 'Versions'), versions));
  }
  app.replaceChildren(...parts);

  if (id) {
    refresh().then(() => {
      const d = chartDefaults(stored.job);
      for (const [k, v] of Object.entries(d)) document.getElementById('chart-' + k).value = v;
    }).catch((e) => showError(error, e));
    (async function poll() {
      while (alive) {
        await new Promise((r) => setTimeout(r, 2000));
        if (!alive || !stored) continue;
        try { showStatus((await api('GET', `/jobs/${encodeURIComponent(id)}`)).status); } catch (e) { showError(error, e); }
      }
    })();
  }
  return () => { alive = false; chart?.stop(); };
}

// The jobs list: state, read rate, outputs, errors, lag (GET /jobs every 2 s), controls, an org filter for admins.
import { api } from './api.js';
import { h, showError, fmt } from './dom.js';

export function jobsPage(app, me) {
  const error = h('p.error#jobs-error', { hidden: true });
  const body = h('tbody');
  const org = h('select#org-filter', { onchange: () => draw() }, h('option', { value: '' }, 'every org'));
  const last = new Map();
  let rows = [];
  let stopped = false;

  app.replaceChildren(h('section', {},
    h('h1', {}, 'Jobs ', h('a.button', { href: '#/new' }, 'New job')),
    me.role === 'admin' && me.org === null ? h('label', {}, 'Org ', org) : null,
    error,
    h('table.grid#jobs', {}, h('thead', {}, h('tr', {}, ['Job', 'Version', 'State', 'Read', 'Read/s', 'Outputs', 'Rejected', 'Errors', 'Lag', ''].map((t) => h('th', {}, t)))), body)));

  async function act(id, action, version) {
    try {
      await api('POST', `/jobs/${encodeURIComponent(id)}/${action}${version ? '?version=' + version : ''}`);
      showError(error, null);
      await poll();
    } catch (e) {
      showError(error, e);
    }
  }

  function draw() {
    const shown = rows.filter((s) => !org.value || s.org === org.value);
    body.replaceChildren(...shown.map((s) => h('tr', { 'data-job': s.id },
      h('td', {}, h('a', { href: '#/job/' + encodeURIComponent(s.id) }, s.id)),
      h('td', {}, String(s.version)),
      h('td', {}, h('span.state.' + s.state, {}, s.state), s.error ? h('div.small', {}, s.error) : null),
      h('td.num', {}, fmt(s.read)), h('td.num', {}, fmt(s.rate)), h('td.num', {}, fmt(s.outputs)),
      h('td.num', {}, fmt(s.rejected)), h('td.num', {}, fmt(s.problems?.length ?? 0)), h('td.num', {}, fmt(s.lag)),
      h('td', {}, controls(s, act), s.version > 1 ? h('button.rollback', { onclick: () => act(s.id, 'rollback', s.version - 1) }, `Roll back to v${s.version - 1}`) : null))));
  }

  async function poll() {
    try {
      const now = performance.now();
      rows = await api('GET', '/jobs');
      for (const s of rows) {
        const before = last.get(s.id);
        s.rate = before && now > before.at ? ((s.read - before.read) * 1000) / (now - before.at) : null;
        last.set(s.id, { at: now, read: s.read });
      }
      const orgs = [...new Set(rows.map((s) => s.org))].sort();
      if (org.options.length !== orgs.length + 1) org.replaceChildren(h('option', { value: '' }, 'every org'), ...orgs.map((o) => h('option', { value: o }, o)));
      draw();
    } catch (e) {
      showError(error, e);
    }
  }

  (async function loop() {
    while (!stopped) {
      await poll();
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();
  return () => { stopped = true; };
}

/** Start, stop, pause, resume buttons for a job status (shared with the job page). */
export function controls(s, act) {
  const b = (name, label) => h(`button.${name}`, { onclick: () => act(s.id, name) }, label);
  const running = ['running', 'starting', 'failed'].includes(s.state);
  return [
    running || s.state === 'paused' ? b('stop', 'Stop') : b('start', 'Start'),
    s.state === 'paused' ? b('resume', 'Resume') : running ? b('pause', 'Pause') : null,
  ];
}

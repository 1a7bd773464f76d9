// Packs (admins): the installed template and plugin packs, their operators and the jobs that use them (GET /packs);
// install one from a .zip (POST /packs) and remove an installed one (DELETE /packs/{id}).
import { api, upload } from './api.js';
import { h, showError } from './dom.js';

export function packsPage(app) {
  const error = h('p.error#packs-error', { hidden: true });
  const note = h('p.note#packs-note', { hidden: true });
  const body = h('tbody');
  const file = h('input#pack-file', { type: 'file', accept: '.zip' });
  const force = h('input#pack-force', { type: 'checkbox' });
  const say = (text) => { note.textContent = text; note.hidden = !text; };

  const load = () => api('GET', '/packs').then((packs) => body.replaceChildren(...packs.map((p) => h('tr', { 'data-pack': p.id, 'data-version': p.version },
    h('td', {}, p.id, p.builtIn ? h('div.small', {}, 'built in') : null), h('td', {}, p.version, p.active ? null : h('div.small', {}, 'not active')),
    h('td', {}, p.sdkVersion),
    h('td.small', {}, new Date(p.installedAt).toISOString().slice(0, 16).replace('T', ' ')),
    h('td', {}, p.operators.join(', ')),
    h('td', {}, p.usedBy.length ? p.usedBy.map((j) => h('div', {}, h('a', { href: '#/job/' + encodeURIComponent(j.job) }, j.job), ` (${j.operators.join(', ')})`)) : h('span.small', {}, 'no job')),
    h('td', {}, p.builtIn ? null : h('button.remove', { onclick: () => remove(p) }, 'Remove'))))))
    .catch((e) => showError(error, e));

  const remove = (p) => {
    showError(error, null);
    api('DELETE', `/packs/${encodeURIComponent(p.id)}?version=${encodeURIComponent(p.version)}`)
      .then(() => { say(`removed ${p.id} ${p.version}`); return load(); })
      .catch((e) => showError(error, e));
  };

  const install = () => {
    showError(error, null);
    say('');
    if (!file.files.length) return showError(error, new Error('choose a pack .zip first'));
    upload('/packs' + (force.checked ? '?force=true' : ''), file.files[0])
      .then((p) => { say(`installed ${p.id} ${p.version}` + (p.upgradedFrom ? ` (upgraded from ${p.upgradedFrom})` : '') + '; jobs get it at their next start'); file.value = ''; return load(); })
      .catch((e) => showError(error, e));
  };

  app.replaceChildren(h('section', {}, h('h1', {}, 'Packs'),
    h('p.small', {}, 'A pack is a plugin folder zipped (docs/packs.md). Installing checks its manifest and SDK version before any of its code is loaded; running jobs get a new version at their next start.'),
    h('div.row', {}, file, h('label', {}, force, ' reinstall or install an older version (force)'), h('button.primary#pack-install', { onclick: install }, 'Install')),
    error, note,
    h('table.grid#packs', {}, h('thead', {}, h('tr', {}, ['Pack', 'Version', 'SDK', 'Installed', 'Operators', 'Used by', ''].map((t) => h('th', {}, t)))), body)));
  load();
  return () => {};
}

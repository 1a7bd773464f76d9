// Packs (admins): the installed template and plugin packs, their operators and the jobs that use them (GET /packs).
import { api } from './api.js';
import { h, showError } from './dom.js';

export function packsPage(app) {
  const error = h('p.error#packs-error', { hidden: true });
  const body = h('tbody');
  app.replaceChildren(h('section', {}, h('h1', {}, 'Packs'),
    h('p.small', {}, 'Installed on the service\'s host with ', h('code', {}, 'calc pack install PACK.zip'), '; a job names the operators it uses.'),
    error,
    h('table.grid#packs', {}, h('thead', {}, h('tr', {}, ['Pack', 'Version', 'SDK', 'Installed', 'Operators', 'Used by'].map((t) => h('th', {}, t)))), body)));
  api('GET', '/packs').then((packs) => body.replaceChildren(...packs.map((p) => h('tr', { 'data-pack': p.id },
    h('td', {}, p.id, p.builtIn ? h('div.small', {}, 'built in') : null), h('td', {}, p.version), h('td', {}, p.sdk),
    h('td.small', {}, new Date(p.installedAt).toISOString().slice(0, 16).replace('T', ' ')),
    h('td', {}, p.operators.join(', ')),
    h('td', {}, p.jobs.length ? p.jobs.map((j) => h('div', {}, h('a', { href: '#/job/' + encodeURIComponent(j.job) }, j.job), ` (${j.operator})`)) : h('span.small', {}, 'no job'))))))
    .catch((e) => showError(error, e));
  return () => {};
}

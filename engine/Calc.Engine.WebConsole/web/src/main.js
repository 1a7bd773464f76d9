// The console's entry: hash routes #/login, #/jobs, #/new, #/job/ID, #/packs.
import { api, token } from './api.js';
import { h, showError } from './dom.js';
import { jobsPage } from './jobs.js';
import { jobPage } from './job.js';
import { packsPage } from './packs.js';

const app = document.getElementById('app');
let leave = () => {};

function loginPage() {
  const input = h('input#token', { type: 'password', placeholder: 'calc_tok_…', autocomplete: 'off' });
  const error = h('p.error#login-error', { hidden: true });
  const go = async () => {
    token.set(input.value.trim());
    try {
      await api('GET', '/me');
      location.hash = '#/jobs';
    } catch (e) {
      token.clear();
      showError(error, e);
    }
  };
  input.addEventListener('keydown', (e) => e.key === 'Enter' && go());
  app.replaceChildren(h('section.login', {},
    h('h1', {}, 'Log in'),
    h('p', {}, 'Paste an API token (', h('code', {}, 'calc token create --org ORG --role engineer'), ' prints one). It is kept in this tab only.'),
    input, h('button.primary#login', { onclick: go }, 'Log in'), error));
  return () => {};
}

async function header() {
  const who = document.getElementById('who');
  const nav = document.getElementById('nav');
  try {
    const me = await api('GET', '/me');
    nav.replaceChildren(h('a', { href: '#/jobs' }, 'Jobs'), h('a', { href: '#/new' }, 'New job'), me.role === 'admin' ? h('a', { href: '#/packs' }, 'Packs') : '');
    who.replaceChildren(`${me.name} · ${me.role} · ${me.org ?? 'every org'} `,
      h('button#logout', { onclick: () => { token.clear(); location.hash = '#/login'; } }, 'Log out'));
    return me;
  } catch {
    who.textContent = '';
    return null;
  }
}

async function route() {
  leave();
  const [, page, ...rest] = location.hash.split('/');
  if (!page) {
    location.replace(token.get() ? '#/jobs' : '#/login');
    return;
  }
  if (page === 'login') {
    document.getElementById('nav').replaceChildren();
    document.getElementById('who').textContent = '';
    leave = loginPage();
    return;
  }
  const me = await header();
  if (!me) { location.hash = '#/login'; return; }
  const id = decodeURIComponent(rest.join('/'));
  leave = page === 'jobs' ? jobsPage(app, me) : page === 'new' ? jobPage(app, me, null) : page === 'packs' ? packsPage(app) : jobPage(app, me, id);
}

window.addEventListener('hashchange', route);
route();

/** The console: login, then the screen of the user's role. */
import { currentUser, login, logout, User, whenSessionLost } from './api.js';
import { announce, field, h, mount } from './dom.js';
import { Lang, LANGS, lang, setLang, t } from './i18n.js';
import { connectLive, Live } from './live.js';
import type { Screen, ScreenFactory } from './screen.js';
import { dispatcherScreen } from './screens/dispatcher.js';
import { gpScreen } from './screens/gp.js';
import { plannerScreen } from './screens/planner.js';

type View = 'dispatcher' | 'gp' | 'planner';
const SCREENS: Record<View, ScreenFactory> = {
  dispatcher: dispatcherScreen,
  gp: gpScreen,
  planner: plannerScreen,
};

const bar = document.getElementById('bar') as HTMLElement;
const main = document.getElementById('main') as HTMLElement;
let screen: Screen | null = null;
let live: Live | null = null;
let liveUp = false;
let view: View | null = null;

function viewsOf(user: User): View[] {
  return user.role === 'admin' ? ['dispatcher', 'planner', 'gp'] : [user.role];
}

function renderBar(user: User | null): void {
  const langSelect = h(
    'select',
    {
      id: 'lang',
      'aria-label': t('language'),
      onchange: (e: Event) => {
        setLang((e.target as HTMLSelectElement).value as Lang);
        render();
      },
    },
    LANGS.map((l) => h('option', { value: l, selected: l === lang() }, l.toUpperCase())),
  );
  mount(
    bar,
    h('h1', {}, t('app')),
    user && viewsOf(user).length > 1
      ? h(
          'nav',
          { 'aria-label': 'screens' },
          viewsOf(user).map((v) =>
            h(
              'button',
              { 'aria-current': v === view ? 'page' : undefined, onclick: () => show(v) },
              t(`role.${v === 'gp' ? 'gp' : v}`),
            ),
          ),
        )
      : null,
    user
      ? h('span', { class: 'live', 'data-on': String(liveUp), id: 'live' }, t(liveUp ? 'live' : 'offline'))
      : null,
    user
      ? h('span', { class: 'who' }, `${user.displayName} · ${t(`role.${user.role}`)}`)
      : h('span', { class: 'who' }),
    langSelect,
    user ? h('button', { onclick: () => void signOut() }, t('logout')) : null,
  );
  const skip = document.querySelector('.skip');
  if (skip) skip.textContent = t('skip');
}

function renderLogin(): void {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const message = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'card login',
      onsubmit: (e: Event) => {
        e.preventDefault();
        login(username.value.trim(), password.value).then(
          () => start(),
          () => (message.textContent = t('loginFailed')),
        );
      },
    },
    h('h2', {}, t('login')),
    field(t('username'), username),
    field(t('password'), password),
    message,
    h('p', {}, h('button', { class: 'primary', type: 'submit' }, t('login'))),
  );
  mount(main, form);
  username.focus();
}

function show(next: View): void {
  view = next;
  render();
}

function render(): void {
  const user = currentUser();
  renderBar(user);
  screen?.dispose();
  screen = null;
  if (!user) {
    renderLogin();
    return;
  }
  view ??= viewsOf(user)[0];
  main.dataset.screen = view;
  screen = SCREENS[view](main, user);
}

function setLive(up: boolean): void {
  if (up && !liveUp) screen?.reconnected();
  liveUp = up;
  const el = document.getElementById('live');
  if (el) {
    el.dataset.on = String(up);
    el.textContent = t(up ? 'live' : 'offline');
  }
}

function start(): void {
  view = null;
  render();
  live?.close();
  live = connectLive((p, ack) => {
    if (p.name === 'session.ended' && p.payload.reason !== 'expired') return void signOut();
    if (screen) screen.push(p, ack);
    else ack?.();
  }, setLive);
}

async function signOut(): Promise<void> {
  live?.close();
  live = null;
  await logout();
  announce(t('logout'));
  render();
}

whenSessionLost(() => {
  live?.close();
  live = null;
  render();
});

setLang(lang());
if (currentUser()) start();
else render();

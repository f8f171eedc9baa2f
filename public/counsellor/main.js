// @ts-check
// The counsellor console: log in, see waiting requests (offered by language),
// accept one, read the conversation so far, reply (with quick replies in the
// person's language), transfer to a colleague or a network partner, close;
// callbacks, referrals and appointment requests; statistics for leads; live
// updates over server-sent events.
//
// This module starts it and connects the parts: the API client (api.js), the
// store (store.js), the commands that call the API and dispatch what happened
// (commands.js), and the one render function subscribed to the store
// (render.js, views/).
import { createApi } from './api.js';
import { createCommands, storedToken } from './commands.js';
import { consoleLanguage, createI18n } from './i18n.js';
import { createRenderer } from './render.js';
import { createStore, initialState } from './store.js';

/** How often waiting times are redrawn. */
const CLOCK_MS = 15_000;
/** The statistics first cover the last 30 days. */
const STATS_DAYS = 30;

/** @returns {import('./api.js').Period} */
function lastDays(/** @type {number} */ days, /** @type {number} */ now) {
  const from = new Date(now - (days - 1) * 24 * 60 * 60 * 1000);
  return { from: from.toISOString().slice(0, 10), to: new Date(now).toISOString().slice(0, 10) };
}

async function main() {
  const root = document.getElementById('app');
  if (!root) return;
  const language = consoleLanguage(location.search, navigator.language || '');
  document.documentElement.lang = language;
  const response = await fetch('/counsellor/strings.json');
  const i18n = createI18n(await response.json(), language);

  const now = Date.now();
  const store = createStore(
    initialState({ token: storedToken(), period: lastDays(STATS_DAYS, now), now }),
  );
  const api = createApi({
    token: () => store.getState().token,
    onUnauthorized: () => commands.logout(),
    language,
  });
  const commands = createCommands({ store, api });
  const render = createRenderer(root, { t: i18n.t, i18n, commands });
  store.subscribe(render);
  render(store.getState());

  window.addEventListener('focus', commands.seen);
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) commands.seen();
  });
  setInterval(commands.tick, CLOCK_MS);
  if (store.getState().token) void commands.start();
}

void main();

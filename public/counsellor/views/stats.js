// @ts-check
// The anonymous statistics, for leads: a period (the last 30 days at first)
// with a CSV download in the list, and in the detail pane the totals, the
// mean wait until a counsellor accepted, and the charts.
import { el, whenChanged } from '../dom.js';
import { statsCharts } from './charts.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../store.js').State} State */
/** @typedef {import('../api.js').StatsReport} StatsReport */
/** @typedef {import('./charts.js').DrawnChart} DrawnChart */

/** The totals shown, in this order. */
const METRICS = [
  'conversations',
  'answers',
  'unanswered',
  'handoverRequested',
  'handoverAccepted',
  'callbacks',
  'referrals',
  'appointments',
  'helpfulYes',
  'helpfulNo',
];

/**
 * The period form (in the list), with the CSV download of the shown period.
 * @param {State} state
 * @param {ViewContext} ctx
 */
export function statsForm(state, { t, commands }) {
  const { period } = state.stats;
  const from = el('input', { type: 'date', id: 'stats-from', value: period.from });
  const to = el('input', { type: 'date', id: 'stats-to', value: period.to });
  return el(
    'form',
    {
      style: 'padding:0.8rem;display:grid;gap:0.5rem',
      onsubmit(event) {
        event.preventDefault();
        void commands.showStats({ from: from.value, to: to.value });
      },
    },
    el('label', { for: 'stats-from' }, `${t('stats.from')} `, from),
    el('label', { for: 'stats-to' }, `${t('stats.to')} `, to),
    el('button', { type: 'submit', class: 'primary', id: 'stats-show', text: t('stats.show') }),
    el('button', {
      type: 'button',
      id: 'stats-csv',
      text: t('stats.csv'),
      onclick() {
        commands.downloadCsv().catch(() => window.alert(t('error.generic')));
      },
    }),
  );
}

/**
 * The table of totals over the period.
 * @param {Record<string, number>} totals
 * @param {ViewContext} ctx
 */
function totalsTable(totals, { t }) {
  return el(
    'table',
    { id: 'stats-totals', style: 'border-collapse:collapse;min-width:20rem' },
    el(
      'tbody',
      {},
      ...METRICS.map((metric) =>
        el(
          'tr',
          { 'data-metric': metric },
          el('th', {
            scope: 'row',
            style: 'text-align:start;padding:0.2rem 1rem 0.2rem 0',
            text: t(`stats.metric.${metric}`),
          }),
          el('td', { style: 'text-align:end', text: String(totals[metric] ?? 0) }),
        ),
      ),
    ),
  );
}

/**
 * A report: heading, totals, mean wait and charts; returns the drawn charts.
 * @param {HTMLElement} node
 * @param {StatsReport} report
 * @param {ViewContext} ctx
 * @returns {DrawnChart[]}
 */
function showReport(node, { from, to, rows }, ctx) {
  const { t } = ctx;
  /** @type {Record<string, number>} */
  const totals = {};
  for (const row of rows) totals[row.metric] = (totals[row.metric] ?? 0) + row.count;
  const accepted = totals.handoverAccepted ?? 0;
  const wait =
    accepted > 0
      ? el('p', {
          text: t('stats.averageWait', {
            minutes: Math.round((totals.handoverAcceptSeconds ?? 0) / accepted / 6) / 10,
          }),
        })
      : null;
  const charts = statsCharts(rows, ctx);
  node.replaceChildren(
    el(
      'div',
      { style: 'padding:1rem;overflow:auto;display:grid;gap:1rem' },
      el('h2', { style: 'margin:0', text: t('stats.heading', { from, to }) }),
      rows.length === 0 ? el('p', { class: 'empty', text: t('stats.empty') }) : null,
      totalsTable(totals, ctx),
      wait,
      charts.grid,
    ),
  );
  return charts.draw();
}

/**
 * The statistics in the detail pane `node`. `mount()` returns the function
 * that shows the loaded report (or that loading failed); `clear()` lets go
 * of the charts when the pane shows something else.
 * @param {HTMLElement} node
 * @param {ViewContext} ctx
 */
export function statsView(node, ctx) {
  /** @type {DrawnChart[]} */
  let charts = [];
  function clear() {
    for (const chart of charts) chart.destroy();
    charts = [];
  }
  return {
    clear,
    mount: () =>
      whenChanged(
        (/** @type {State} */ state) => [state.stats.report, state.stats.failed],
        ({ stats }) => {
          clear();
          if (stats.failed || !stats.report) {
            node.replaceChildren(
              el('p', { class: 'error', role: 'alert', text: ctx.t('error.generic') }),
            );
          } else {
            charts = showReport(node, stats.report, ctx);
          }
        },
      ),
  };
}

// @ts-check
// The four charts of the statistics (Chart.js, loaded by index.html): new
// conversations per day, answers by language, the most asked topics, and
// handovers requested and accepted by language.
import { el } from '../dom.js';

/** @typedef {import('../render.js').ViewContext} ViewContext */
/** @typedef {import('../api.js').StatRow} StatRow */
/** @typedef {{ destroy(): void }} DrawnChart */
/**
 * @typedef {{ label: string, data: number[], borderColor?: string, backgroundColor?: string }} Dataset
 */

const BLUE = '#1d4f91';
const GREEN = '#2f7d4f';
const AMBER = '#8a4b00';
const TOP_TOPICS = 10;

/**
 * The counts of one metric, summed by `key` of each row.
 * @param {StatRow[]} rows
 * @param {string} metric
 * @param {(row: StatRow) => string} key
 * @returns {Record<string, number>}
 */
function sumBy(rows, metric, key) {
  /** @type {Record<string, number>} */
  const sums = {};
  for (const row of rows) {
    if (row.metric !== metric) continue;
    const name = key(row);
    sums[name] = (sums[name] ?? 0) + row.count;
  }
  return sums;
}

/**
 * A figure with a caption and its canvas.
 * @param {string} title
 * @param {string} canvasId
 */
function chartCard(title, canvasId) {
  const canvas = el('canvas', { id: canvasId, height: '180', role: 'img', 'aria-label': title });
  const figure = el(
    'figure',
    {
      style:
        'margin:0;padding:0.5rem;border:1px solid var(--line);border-radius:6px;background:#fff',
    },
    el('figcaption', { style: 'font-weight:600', text: title }),
    canvas,
  );
  return { figure, canvas };
}

/**
 * @param {HTMLCanvasElement} canvas
 * @param {'line' | 'bar'} type
 * @param {string[]} labels
 * @param {Dataset[]} datasets
 * @param {'x' | 'y'} [indexAxis]
 * @returns {DrawnChart | null}
 */
function drawChart(canvas, type, labels, datasets, indexAxis = 'x') {
  const Chart = window.Chart;
  if (!Chart) return null;
  return new Chart(canvas, {
    type,
    data: { labels, datasets },
    options: {
      animation: false,
      responsive: true,
      indexAxis,
      plugins: { legend: { display: datasets.length > 1 } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

/**
 * The charts' grid for a report's rows; `draw()` draws them once the grid is
 * in the page and returns them (to be destroyed before the next report).
 * @param {StatRow[]} rows
 * @param {ViewContext} ctx
 */
export function statsCharts(rows, { t, i18n }) {
  const days = chartCard(t('stats.perDay'), 'chart-days');
  const languages = chartCard(t('stats.byLanguage'), 'chart-languages');
  const topics = chartCard(t('stats.topTopics'), 'chart-topics');
  const handovers = chartCard(t('stats.handovers'), 'chart-handovers');
  const grid = el(
    'div',
    { style: 'display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem' },
    days.figure,
    languages.figure,
    topics.figure,
    handovers.figure,
  );
  const byLanguage = (/** @type {StatRow} */ row) => i18n.languageName(row.language);

  function draw() {
    const perDay = sumBy(rows, 'conversations', (row) => row.day);
    const dayNames = Object.keys(perDay).sort();
    const answers = sumBy(rows, 'answers', byLanguage);
    const asked = sumBy(rows, 'answers', (row) => row.topic);
    const top = Object.keys(asked)
      .sort((a, b) => (asked[b] ?? 0) - (asked[a] ?? 0))
      .slice(0, TOP_TOPICS);
    const requested = sumBy(rows, 'handoverRequested', byLanguage);
    const accepted = sumBy(rows, 'handoverAccepted', byLanguage);
    const names = Object.keys({ ...requested, ...accepted });
    const charts = [
      drawChart(days.canvas, 'line', dayNames, [
        {
          label: t('stats.metric.conversations'),
          data: dayNames.map((day) => perDay[day] ?? 0),
          borderColor: BLUE,
        },
      ]),
      drawChart(languages.canvas, 'bar', Object.keys(answers), [
        { label: t('stats.count'), data: Object.values(answers), backgroundColor: BLUE },
      ]),
      drawChart(
        topics.canvas,
        'bar',
        top,
        [
          {
            label: t('stats.count'),
            data: top.map((topic) => asked[topic] ?? 0),
            backgroundColor: GREEN,
          },
        ],
        'y',
      ),
      drawChart(handovers.canvas, 'bar', names, [
        {
          label: t('stats.metric.handoverRequested'),
          data: names.map((name) => requested[name] ?? 0),
          backgroundColor: AMBER,
        },
        {
          label: t('stats.metric.handoverAccepted'),
          data: names.map((name) => accepted[name] ?? 0),
          backgroundColor: BLUE,
        },
      ]),
    ];
    return charts.filter((chart) => chart !== null);
  }

  return { grid, draw };
}

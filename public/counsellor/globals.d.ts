// Browser globals the console uses that TypeScript's DOM library does not declare.
interface Window {
  /** Safari before 14.1. */
  webkitAudioContext?: typeof AudioContext;
  /** Chart.js's UMD build (`/counsellor/chart.js`), loaded by index.html before the modules. */
  Chart?: typeof import('chart.js').Chart;
}

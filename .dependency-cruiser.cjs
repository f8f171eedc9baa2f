/** Import rules of kausa-bot (`npm run deps`); test/architecture.test.ts checks them in CI too. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No file imports itself through others (type-only imports count too).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-dialogs',
      severity: 'error',
      comment: 'Only the composition root (src/index.ts) knows the dialogs.',
      from: { path: '^src/', pathNot: '^src/index\\.ts$' },
      to: { path: '^dialogs/' },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      from: { path: '^(src|dialogs)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
  },
};

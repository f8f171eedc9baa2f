// At run time `./vendor/i18next.js` is i18next's browser ES module, served
// from node_modules (see src/widget/http.ts); for the type check it is the package.
export * from 'i18next';
export { default } from 'i18next';

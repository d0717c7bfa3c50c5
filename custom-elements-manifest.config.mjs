// custom-elements.json is generated from the components' JSDoc; `npm test` fails when it is stale.
export default {
  // The shared base class is analysed so that every element's inherited `lang` is documented.
  globs: ['components/*/*.ts'],
  exclude: [
    'components/**/*.test.ts',
    'components/**/*.fixtures.ts',
    'components/**/*.styles.ts',
    'components/shared/!(fw-element).ts',
  ],
  outdir: '.',
  litelement: true,
  packagejson: false,
};

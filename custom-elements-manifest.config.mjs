// Read by scripts/cem.mjs, which generates custom-elements.json from the components' JSDoc.
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

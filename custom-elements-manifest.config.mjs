// custom-elements.json is generated from the components' JSDoc; `npm test` fails when it is stale.
export default {
  globs: ['components/*/*.ts'],
  exclude: [
    'components/**/*.test.ts',
    'components/**/*.fixtures.ts',
    'components/**/*.styles.ts',
    'components/**/define.ts',
    'components/shared/**',
  ],
  outdir: '.',
  litelement: true,
  packagejson: false,
};

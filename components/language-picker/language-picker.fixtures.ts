import type { Fixture } from '../shared/fixtures.js';

export const fixtures: Fixture[] = [
  { name: 'default', html: '<fw-language-picker></fw-language-picker>' },
  { name: 'welsh chosen', html: '<fw-language-picker value="cy"></fw-language-picker>' },
  { name: 'arabic labels', html: '<fw-language-picker lang="ar" value="ar"></fw-language-picker>' },
  {
    name: 'scrolling',
    html: '<fw-language-picker value="so" style="--fw-language-picker-max-block-size: 20rem"></fw-language-picker>',
  },
];

import type { Fixture } from '../shared/fixtures.js';

export const fixtures: Fixture[] = [
  { name: 'nothing chosen', html: '<fw-format-picker></fw-format-picker>' },
  { name: 'default pair', html: '<fw-format-picker value="visual large-text"></fw-format-picker>' },
  {
    name: 'all six',
    html: '<fw-format-picker value="visual large-text easy-read bsl audio vibration"></fw-format-picker>',
  },
  { name: 'compact', html: '<fw-format-picker compact value="bsl"></fw-format-picker>' },
  { name: 'arabic', html: '<fw-format-picker lang="ar" value="audio"></fw-format-picker>' },
];

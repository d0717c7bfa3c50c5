import type { Fixture } from '../shared/fixtures.js';

export const fixtures: Fixture[] = [
  { name: 'plain', html: '<fw-text-notice></fw-text-notice>' },
  { name: 'large text', html: '<fw-text-notice variant="large"></fw-text-notice>' },
  { name: 'Easy Read', html: '<fw-text-notice variant="easy-read"></fw-text-notice>' },
  {
    name: 'large text, Arabic',
    html: '<fw-text-notice variant="large" lang="ar"></fw-text-notice>',
  },
  {
    name: 'Easy Read, Welsh',
    html: '<fw-text-notice variant="easy-read" lang="cy"></fw-text-notice>',
  },
  {
    name: 'large text, Lithuanian',
    html: '<fw-text-notice variant="large" lang="lt"></fw-text-notice>',
  },
];

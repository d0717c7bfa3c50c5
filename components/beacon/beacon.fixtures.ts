import type { Fixture } from '../shared/fixtures.js';

export const fixtures: Fixture[] = [
  { name: 'pulsing', html: '<fw-beacon></fw-beacon>' },
  { name: 'paused', html: '<fw-beacon paused></fw-beacon>' },
  { name: 'arabic', html: '<fw-beacon lang="ar"></fw-beacon>' },
  { name: 'welsh', html: '<fw-beacon lang="cy"></fw-beacon>' },
];

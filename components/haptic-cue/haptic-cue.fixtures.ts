import type { Fixture } from '../shared/fixtures.js';

export const fixtures: Fixture[] = [
  { name: 'idle', html: '<fw-haptic-cue></fw-haptic-cue>' },
  { name: 'active', html: '<fw-haptic-cue active></fw-haptic-cue>' },
  { name: 'welsh', html: '<fw-haptic-cue lang="cy"></fw-haptic-cue>' },
  { name: 'arabic', html: '<fw-haptic-cue lang="ar" active></fw-haptic-cue>' },
];

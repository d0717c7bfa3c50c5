import type { Fixture } from '../shared/fixtures.js';

export const fixtures: Fixture[] = [
  { name: 'default', html: '<fw-audio-cue></fw-audio-cue>' },
  { name: 'autoplay', html: '<fw-audio-cue autoplay></fw-audio-cue>' },
  { name: 'welsh', html: '<fw-audio-cue lang="cy"></fw-audio-cue>' },
  { name: 'arabic', html: '<fw-audio-cue lang="ar"></fw-audio-cue>' },
];

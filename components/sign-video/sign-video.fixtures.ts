import type { Fixture } from '../shared/fixtures.js';

const manifest = '/test/fixtures/media/manifest.json';

export const fixtures: Fixture[] = [
  { name: 'default', html: `<fw-sign-video manifest="${manifest}"></fw-sign-video>` },
  { name: 'autoplay', html: `<fw-sign-video manifest="${manifest}" autoplay></fw-sign-video>` },
  { name: 'arabic', html: `<fw-sign-video manifest="${manifest}" lang="ar"></fw-sign-video>` },
  {
    name: 'missing clip',
    html: `<fw-sign-video manifest="${manifest}" sign-lang="xx-unknown"></fw-sign-video>`,
  },
];

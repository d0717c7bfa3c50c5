import type { Fixture } from '../shared/fixtures.js';

const manifest = 'manifest="/test/fixtures/media/manifest.json"';

export const fixtures: Fixture[] = [
  { name: 'default (visual and large text)', html: `<fw-notice ${manifest}></fw-notice>` },
  { name: 'Easy Read', html: `<fw-notice formats="easy-read" ${manifest}></fw-notice>` },
  { name: 'British Sign Language', html: `<fw-notice formats="bsl" ${manifest}></fw-notice>` },
  { name: 'audio', html: `<fw-notice formats="audio" ${manifest}></fw-notice>` },
  { name: 'vibration', html: `<fw-notice formats="vibration" ${manifest}></fw-notice>` },
  {
    name: 'every format',
    html: `<fw-notice formats="visual large-text easy-read bsl audio vibration" ${manifest}></fw-notice>`,
  },
  { name: 'Arabic', html: `<fw-notice lang="ar" ${manifest}></fw-notice>` },
  {
    name: 'Welsh, Easy Read',
    html: `<fw-notice lang="cy" formats="visual easy-read" ${manifest}></fw-notice>`,
  },
  { name: 'heading level 1', html: `<fw-notice heading-level="1" ${manifest}></fw-notice>` },
];

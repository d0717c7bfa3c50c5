// video.js set up as its "Getting started" guide does: the package's default export and its
// stylesheet, a <video class="video-js"> with <source>s and a default captions <track>, and the
// documented `autoplay: 'muted'` option.
import videojs from 'video.js';
import 'video.js/dist/video-js.min.css';

videojs('player', { autoplay: 'muted' });

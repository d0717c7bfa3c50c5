// Plyr set up as its README does: the default export and its stylesheet, the README's <video>
// markup (data-poster, <source>s, a default captions <track>), and the documented options for
// muted autoplay and captions on. Plyr fetches its SVG icon sprite at run time from `iconUrl`; the
// default is Plyr's CDN, which a closed network cannot reach, so the sprite Plyr ships
// (plyr/dist/plyr.svg) is self-hosted as its README describes and served at /plyr/plyr.svg. The
// bench counts the sprite apart from the JS and CSS.
import Plyr from 'plyr';
import 'plyr/dist/plyr.css';

new Plyr('#player', {
  autoplay: true,
  muted: true,
  iconUrl: '/plyr/plyr.svg',
  captions: { active: true, language: 'en' },
});

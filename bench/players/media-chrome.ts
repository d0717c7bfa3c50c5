// media-chrome set up as its docs do, importing only the elements a player comparable to
// <fw-sign-video> needs: the package exports each element as its own module
// ("media-chrome/<element>.js"), so the package entry (every element) is not used. Its CSS is in
// its JS. Captions are on by default with the documented `defaultsubtitles` attribute.
import 'media-chrome/media-controller.js';
import 'media-chrome/media-control-bar.js';
import 'media-chrome/media-play-button.js';
import 'media-chrome/media-mute-button.js';
import 'media-chrome/media-time-range.js';
import 'media-chrome/media-captions-button.js';
import 'media-chrome/media-fullscreen-button.js';

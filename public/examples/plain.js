// The only script an integrator writes: listen for the notice's events.
const log = document.getElementById('log');
document.addEventListener('fw-notice-ended', (event) => {
  const { outcome, lang, formats } = event.detail;
  log.textContent = `Notice ended: ${outcome}, ${lang}, ${formats.join(' ')}`;
});

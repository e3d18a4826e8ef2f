// vans captcha glue: the ALTCHA widget's external build ships no workers and no inline
// code (so the Content-Security-Policy stays strict); register the PBKDF2 worker it needs,
// served from this site under a content-hashed name given in data-worker.
const widget = document.querySelector('altcha-widget[data-worker]');
if (widget && globalThis.$altcha) {
  const url = widget.dataset.worker;
  globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', () => new Worker(url));
}

// Once sharecite is ready: what it rendered, the citation module fetched
// as a reader about to cite makes it, a placement mounted and destroyed
// through the JS API; then all of it, with what record.js kept, posted once
// to the test (its server's /__report, on the page's own origin, which even
// the strict policy's connect-src allows). Without `sharecite:ready` in
// 30 s, the failure and the log are posted instead.
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let posted = false;
const post = (result) => {
  if (posted) return;
  posted = true;
  fetch('/__report', { method: 'POST', body: JSON.stringify({ ...result, ...window.__record }) });
};
setTimeout(() => post({ failure: 'no sharecite:ready within 30 s' }), 30000);
document.addEventListener('sharecite:ready', async () => {
  const result = { userAgent: navigator.userAgent };
  try {
    const hosts = document.querySelectorAll('[data-sharecite-host]');
    const root = hosts[0].shadowRoot;
    result.hosts = hosts.length;
    result.networks = [...root.querySelectorAll('[data-network]')].map((control) => control.dataset.network);
    result.facebook = root.querySelector('a[data-network=facebook]').href;
    root.querySelector('[data-network=cite]').focus();
    for (let waited = 0; waited < 5000 && !result.citations; waited += 100) {
      await settle(100);
      result.citations = performance.getEntriesByType('resource').some((entry) => entry.name.includes('sharecite_cite_bg.wasm'));
    }
    const handle = sharecite.mount(document.getElementById('slot'), { networks: 'x email', url: 'https://example.org/other' });
    await handle.mounted;
    result.mounted = [...document.getElementById('slot').querySelector('[data-sharecite-host]').shadowRoot.querySelectorAll('[data-network]')].map((control) => control.dataset.network);
    handle.destroy();
    result.destroyed = document.querySelectorAll('#slot [data-sharecite-host]').length === 0;
    await settle(200);
  } catch (error) {
    result.failure = String((error && error.stack) || error);
  }
  post(result);
});

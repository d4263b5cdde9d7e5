// Once sharecite is ready: what it rendered, the citation module fetched
// as a reader about to cite makes it, a placement mounted and destroyed
// through the JS API, a reader's copy of the article's first paragraph
// (copy attribution is on), the quote popover for a selection of its first
// words (quote sharing is on), the links after a same-document navigation;
// then all of it, with what record.js kept, posted once
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
    const paragraph = document.querySelector('article p');
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    // Read while the event is dispatched, after sharecite's listener: once
    // it has been, Firefox protects the event's data from reading.
    const copy = new ClipboardEvent('copy', { bubbles: true, cancelable: true, clipboardData: new DataTransfer() });
    const read = (event) => {
      result.copied = { text: event.clipboardData.getData('text/plain'), html: event.clipboardData.getData('text/html') };
    };
    addEventListener('copy', read);
    paragraph.dispatchEvent(copy);
    removeEventListener('copy', read);
    result.copied.prevented = copy.defaultPrevented;
    const words = document.createRange();
    words.setStart(paragraph.firstChild, 0);
    words.setEnd(paragraph.firstChild, 'Text of the article, long enough to be one'.length);
    getSelection().removeAllRanges();
    getSelection().addRange(words);
    paragraph.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    const quoteLink = () => document.querySelector('[data-sharecite-quote]')?.shadowRoot?.querySelector('a[data-network=x]');
    for (let waited = 0; waited < 3000 && !quoteLink(); waited += 100) await settle(100);
    result.quoted = quoteLink() && new URL(quoteLink().href).searchParams.get('text');
    getSelection().removeAllRanges();
    history.pushState(null, '', '/engines/second-story');
    for (let waited = 0; waited < 3000 && root.querySelector('a[data-network=facebook]').href === result.facebook; waited += 100) await settle(100);
    result.navigated = root.querySelector('a[data-network=facebook]').href;
    await settle(200);
  } catch (error) {
    result.failure = String((error && error.stack) || error);
  }
  post(result);
});

// Once sharecite is ready, this page tries what a reader and a developer
// would, and posts all it found, with what record.js kept, once to the test
// (its server's /__report, on the page's own origin, which even the strict
// policy's connect-src allows). Without `sharecite:ready` within 30 s, the
// failure and the log are posted instead.
const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (done, ms) => {
  for (let waited = 0; waited < ms && !done(); waited += 100) await settle(100);
};
const networksOf = (host) => [...host.shadowRoot.querySelectorAll('[data-network]')].map((control) => control.dataset.network);
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
    // The placement after the script tag, and the page it shares.
    const hosts = document.querySelectorAll('[data-sharecite-host]');
    const root = hosts[0].shadowRoot;
    const facebook = () => root.querySelector('a[data-network=facebook]').href;
    result.hosts = hosts.length;
    result.networks = networksOf(hosts[0]);
    result.facebook = facebook();

    // A reader about to cite: the citation module comes.
    root.querySelector('[data-network=cite]').focus();
    const citations = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('sharecite_cite_bg.wasm'));
    await until(citations, 5000);
    result.citations = citations();

    // A developer's placement, mounted and destroyed through the JS API.
    const slot = document.getElementById('slot');
    const handle = sharecite.mount(slot, { networks: 'x email', url: 'https://example.org/other' });
    await handle.mounted;
    result.mounted = networksOf(slot.querySelector('[data-sharecite-host]'));
    handle.destroy();
    result.destroyed = slot.querySelector('[data-sharecite-host]') === null;

    // A reader's copy of the first paragraph (copy attribution is on), read
    // while the event is dispatched, after sharecite's listener: once it
    // has been, Firefox protects the event's data from reading.
    const paragraph = document.querySelector('article p');
    const select = (range) => {
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    };
    const whole = document.createRange();
    whole.selectNodeContents(paragraph);
    select(whole);
    const copy = new ClipboardEvent('copy', { bubbles: true, cancelable: true, clipboardData: new DataTransfer() });
    const read = (event) => {
      result.copied = { text: event.clipboardData.getData('text/plain'), html: event.clipboardData.getData('text/html') };
    };
    addEventListener('copy', read);
    paragraph.dispatchEvent(copy);
    removeEventListener('copy', read);
    result.copied.prevented = copy.defaultPrevented;

    // The paragraph's first words selected (quote sharing is on): the popover.
    const words = document.createRange();
    words.setStart(paragraph.firstChild, 0);
    words.setEnd(paragraph.firstChild, 'Text of the article, long enough to be one'.length);
    select(words);
    paragraph.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    const quoteLink = () => document.querySelector('[data-sharecite-quote]')?.shadowRoot?.querySelector('a[data-network=x]');
    await until(quoteLink, 3000);
    result.quoted = quoteLink() && new URL(quoteLink().href).searchParams.get('text');
    getSelection().removeAllRanges();

    // A same-document navigation: the links follow the page.
    history.pushState(null, '', '/engines/second-story');
    await until(() => facebook() !== result.facebook, 3000);
    result.navigated = facebook();
    await settle(200);
  } catch (error) {
    result.failure = String((error && error.stack) || error);
  }
  post(result);
});

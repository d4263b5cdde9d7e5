/*! sharecite __VERSION__ | MIT OR Apache-2.0 */
// The script a site embeds. scripts/build-dist.mjs wraps wasm-bindgen's
// `--target no-modules` glue and this loader in one function scope, so the
// only global is `sharecite`, and the same file works as a classic script
// (async, defer or neither) and as `type="module"`.
(() => {
  'use strict';
  const global = globalThis;
  const doc = global.document;
  if (!doc) return;

  const INTERNAL = Symbol.for('sharecite.internal');

  // Classic scripts know their element; module scripts do not, but their
  // URL (query string included) is in any stack trace they make.
  const current = doc.currentScript;
  const ownUrl = current && current.src ? current.src : urlFromStack();

  function urlFromStack() {
    const stack = String(new Error().stack || '');
    const match = /((?:https?|file):\/\/[^\s()'"]+):\d+:\d+/.exec(stack);
    return match ? match[1] : '';
  }

  // A second copy of the loader (another <script> tag, perhaps with
  // another query string) hands its scripts to the first and stops.
  const existing = global.sharecite;
  if (existing && existing[INTERNAL]) {
    existing[INTERNAL](current, ownUrl);
    return;
  }

  // Every call from the browser into a Rust closure (event listeners,
  // timers, promise callbacks) goes through this: a trap inside the wasm
  // (a Rust panic aborts to `unreachable`) is reported once and stops at
  // this boundary instead of reaching the page's error handlers. Other
  // exceptions keep their meaning (the history wrapper rethrows the page's
  // own SecurityError). scripts/build-dist.mjs routes the glue through it.
  let trapped = false;
  const __shareciteGuard = (call) => {
    try {
      return call();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      if (!trapped) {
        trapped = true;
        console.error('sharecite: internal error (please report it); that control stopped, the page and the other placements go on.', error);
      }
      return undefined;
    }
  };

  // Both wasm modules start here. They are stored split and deflated (see
  // scripts/stored-module.mjs: readers download the widget in that form
  // whether or not the host compresses wasm). The browser inflates them as they
  // arrive; the decoder the widget's file carries in front (crates/unsplit,
  // a wasm module too, kept for the citation module) rebuilds each in a
  // fresh instance; and the module is compiled and instantiated from those
  // bytes, synchronously, in a task of its own. The decoder is compiled and
  // instantiated synchronously too, as every browser allows on the main
  // thread for a module of 4 KB or less (scripts/check-size.mjs holds it
  // there): that takes well under a millisecond, and the two promises it
  // saves each waited for the page's own rendering (ready in 0.93x and
  // 0.91x the time of the asynchronous decoder, 16 interleaved pairs each
  // at 4x). Chrome 115 and later allow it up to 8 MB (Firefox sets no
  // limit, and WebKitGTK compiles these too: tests/engines), and so the
  // rebuilt modules: in traced loads of the benchmark's page at 4x,
  // sharecite's main-thread work from the decoder to ready took 0.81x the
  // time it took when they were compiled as a stream of the rebuilt bytes
  // (instantiateStreaming of a Response made of them: 10 interleaved
  // pairs, a median 100 against 124 ms). Wherever the
  // synchronous way throws (Chrome before 115 over 4 KB, or any browser
  // that keeps such a limit), the asynchronous one takes over, and a
  // module at fault fails there with the same error.
  //
  // The citation module's code looks much like the widget's, so its file
  // is deflated with a stretch of the widget's (inflated, and kept here:
  // 125 KB) as dictionary, 0.3 KB less to download. It starts with
  // where that stretch is, and leaves it out of its zlib stream, 7 bytes
  // in, where this splices it back before inflating (see
  // scripts/stored-module.mjs and crates/deflate). The inflated stream
  // starts with it, and the checksum fails if it is not the one the file
  // was made with.
  // @unsplit
  let decoderModule;
  let widgetFile;
  // The citation module's file: where the dictionary is in the widget's
  // (two u32 LE), then its zlib stream, which takes the dictionary back
  // after zlib's header and the stored block's (crates/deflate's
  // DICTIONARY_AT). scripts/stored-module.mjs writes it so.
  const PREFIX = 8;
  const SPLICE_AT = PREFIX + 7;
  function shareciteInstantiate(url, imports, dictionary) {
    let skip = 0;
    return fetch(url)
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status} fetching ${url}`);
        return dictionary
          ? response.arrayBuffer().then((file) => {
              const view = new DataView(file);
              const start = view.getUint32(0, true);
              skip = view.getUint32(4, true);
              return new Blob([file.slice(PREFIX, SPLICE_AT), dictionary.subarray(start, start + skip), file.slice(SPLICE_AT)]).stream();
            })
          : response.body;
      })
      .then((body) =>
        new Response(body.pipeThrough(new DecompressionStream('deflate'))).arrayBuffer().catch((error) => {
          // The browser says only that the stream broke: say what it likely is.
          throw new Error(`not the deflated module dist/ ships, or cut short (${error.message})`);
        }),
      )
      .then((stored) => {
        const bytes = new Uint8Array(stored, skip);
        const split = 4 + new DataView(stored, skip).getUint32(0, true);
        if (split > 4) decoderModule = new WebAssembly.Module(bytes.subarray(4, split));
        if (!dictionary) widgetFile = bytes;
        const module = shareciteUnsplit(new WebAssembly.Instance(decoderModule), bytes.subarray(split));
        // Compiling gets a task of its own: right after the decoding, it
        // ran on in the decoder's task (at 4x, as a stream, 18 of 50 traced
        // loads had a task of ours over 50 ms; with this yield 9, and ready
        // the same in 40 more).
        return nextTask().then(() => {
          try {
            return { instance: new WebAssembly.Instance(new WebAssembly.Module(module), imports) };
          } catch (refused) {
            return WebAssembly.instantiate(module, imports);
          }
        });
      });
  }

  // Two modules are split off the widget's (scripts/split-module.mjs), each
  // fetched the first time it is needed: sharecite_cite_bg.wasm, the
  // citation styles (APA, MLA, Chicago, Harvard, BibTeX…), when a reader
  // points at or focuses a placement that can cite; and
  // sharecite_republish_bg.wasm, copy attribution, quote sharing and
  // crossposting, when the first placement that turns one on mounts. Each
  // shares the widget's memory, and calls the widget's functions through
  // its table: it imports those, and its globals, all under `p`. The
  // widget's wasm calls the functions below (they are its imports,
  // resolved in this scope): one to load a module, another once loaded,
  // with a request the widget made in that memory (crates/cite-wasm,
  // src/republish.rs).
  let widgetExports;
  // Each module's exports, once in, by its name in the file's.
  const split = {};
  const splitLoading = {};
  function loadSplit(name) {
    if (!splitLoading[name]) {
      const url = new URL(`sharecite_${name}_bg.wasm`, wasmUrl);
      url.search = wasmUrl.search;
      splitLoading[name] = shareciteInstantiate(url, { p: widgetExports }, widgetFile).then(({ instance }) => {
        split[name] = instance.exports;
      });
      // Let a failed fetch be retried by the next click, and never surface
      // as an unhandled rejection on the page.
      splitLoading[name].catch(() => (splitLoading[name] = null));
    }
    return splitLoading[name];
  }
  function shareciteCitations() {
    return loadSplit('cite');
  }
  function shareciteRepublishModule() {
    return loadSplit('republish');
  }
  // Until the republishing module is in, a request goes unserved.
  function shareciteRepublish(request) {
    split.republish?.republish(request);
  }
  // Placements that turn one of its features on are ready once that
  // module is, or could not be.
  const republishReady = () => splitLoading.republish?.catch(() => {});
  function shareciteCite(request) {
    try {
      split.cite.cite(request);
    } catch (error) {
      // A trap unwinds the module's frames only, back to here: the
      // widget's go on, and say why. It may have left its own work half
      // done, so the next citation instantiates the module afresh.
      splitLoading.cite = null;
      return error;
    }
  }
  // The widget's events (sharecite:share, sharecite:copy, …): they bubble
  // out of the shadow root to the page's listeners.
  function shareciteDispatch(target, type, detail) {
    target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
  // A text in the NUL-ended fields the wasm reads lists in (JSON-LD's flat
  // form, the meta tags): the page's own NULs become U+FFFD.
  const nulEnded = (value) => value.replace(/\0/g, '\ufffd') + '\0';
  // A JSON-LD block read by the browser's own JSON.parse, and written out
  // in the flat form the core reads (Json::from_flat in
  // crates/core/src/json.rs): a JSON reader in the wasm was 1.5 KB of
  // gzip. A tag per value (n t f, d number, s string, [ items ],
  // { s-key value … }), each text ended by a NUL (the page's own NULs
  // become U+FFFD). The reviver sees each value after its members, so it
  // joins their forms; Object.keys, not for…in, keeps the page's additions
  // to Object.prototype out. Whatever throws (a text that is not JSON, a
  // block nested deeper than the stack) comes back as ! and the reason.
  function shareciteJson(json) {
    try {
      return JSON.parse(json, (_, value) =>
        value === null ? 'n'
        : Array.isArray(value) ? '[' + value.join('') + ']'
        : typeof value == 'object' ? '{' + Object.keys(value).map((key) => 's' + nulEnded(key) + value[key]).join('') + '}'
        : typeof value == 'string' ? 's' + nulEnded(value)
        : typeof value == 'number' ? 'd' + value + '\0'
        : value ? 't' : 'f');
    } catch (error) {
      return '!' + error.message;
    }
  }
  // The page's meta tags for the wasm (src/page.rs): each `meta[content]`'s
  // name (its property, else its name) and content, a NUL after each (the
  // page's own NULs become U+FFFD); a tag with neither name is left out.
  function shareciteMetas() {
    let fields = '';
    for (const meta of doc.querySelectorAll('meta[content]')) {
      const key = meta.getAttribute('property') ?? meta.getAttribute('name');
      if (key != null) fields += nulEnded(key) + nulEnded(meta.getAttribute('content'));
    }
    return fields;
  }
  // Calls `navigated` (a Rust closure) after each same-document navigation,
  // until the function this returns is called (src/navigation.rs). The
  // Navigation API reports every one, pushState included, without touching
  // the page's objects. Without it: popstate and hashchange, and a wrapper
  // around history.pushState and replaceState (where the page left them
  // functions) that calls the original as it was called (its `this`,
  // arguments, result and exceptions), taken off again unless another
  // script has wrapped it since; a method the page froze is left alone
  // (its navigations then go unseen, unless popstate or hashchange tell).
  // It never throws.
  function shareciteWatchNavigation(navigated) {
    const on = () => navigated();
    const { navigation, history } = global;
    if (navigation) {
      navigation.addEventListener('currententrychange', on);
      return () => navigation.removeEventListener('currententrychange', on);
    }
    const undo = ['popstate', 'hashchange'].map((type) => {
      global.addEventListener(type, on);
      return () => global.removeEventListener(type, on);
    });
    for (const method of ['pushState', 'replaceState']) {
      const original = history[method];
      if (typeof original != 'function') continue;
      const wrapper = function (...args) {
        const result = original.apply(this, args);
        navigated();
        return result;
      };
      try {
        history[method] = wrapper;
      } catch (frozen) {
        continue;
      }
      undo.push(() => history[method] === wrapper && (history[method] = original));
    }
    return () => undo.forEach((step) => step());
  }
  // Writes `text` and `html` to the clipboard with what the browser allows
  // (src/clipboard.rs): the async Clipboard API with a ClipboardItem of
  // both, else writeText (the text alone), else execCommand('copy'), whose
  // copy event is given both. A way is tried when the one before it is
  // missing, throws or is refused (each reads navigator.clipboard itself,
  // so a page whose clipboard getter throws still copies by the last), and
  // the first starts in the caller's task, while the reader's click still
  // counts. Fulfils when one worked; rejects with the last reason when
  // none did.
  function shareciteCopy(text, html) {
    const clipboard = () => global.navigator.clipboard;
    return new Promise((resolve) => {
      const flavours = { 'text/plain': text, 'text/html': html };
      const byEvent = (reason) => {
        const put = (event) => shareciteCopyInto(event, text, html);
        doc.addEventListener('copy', put);
        try {
          if (doc.execCommand('copy')) return;
        } finally {
          doc.removeEventListener('copy', put);
        }
        throw reason;
      };
      const attempt = (write, fallback) => () => {
        try {
          return write().catch(fallback);
        } catch (error) {
          return fallback(error);
        }
      };
      const byText = attempt(() => clipboard().writeText(text), byEvent);
      const byItem = attempt(() => {
        const blobs = {};
        for (const type in flavours) blobs[type] = new Blob([flavours[type]], { type });
        return clipboard().write([new ClipboardItem(blobs)]);
      }, byText);
      resolve(byItem());
    });
  }
  // Puts `text` and `html` on a copy event's clipboard in place of the
  // selection: the reader's own copies, with the attribution added
  // (src/clipboard.rs), and shareciteCopy's last way. False when the event
  // carries no clipboard, which is then left alone.
  function shareciteCopyInto(event, text, html) {
    const data = event.clipboardData;
    if (!data) return false;
    data.setData('text/plain', text);
    data.setData('text/html', html);
    event.preventDefault();
    return true;
  }
  // The native control's navigator.share of the article (src/widget.rs):
  // fulfilled once shared; rejected with null when the reader closed the
  // sheet (nothing to say), and with the reason on any other failure, a
  // browser that cannot share included.
  function shareciteShare(title, url) {
    return new Promise((resolve) => resolve(global.navigator.share({ title, url }))).catch((error) => {
      throw error && error.name == 'AbortError' ? null : error;
    });
  }
  // Today in the reader's time zone as one number, 20190519 for 19 May
  // 2019: the access date citations print (src/citations.rs).
  function shareciteToday() {
    const now = new Date();
    return now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
  }
  // The page's window and document, for the wasm (src/dom.rs).
  function shareciteWindow() {
    return global;
  }
  function shareciteDocument() {
    return doc;
  }
  // Whether the browser can share natively, which the native control
  // needs; a page whose getter throws for it cannot.
  function shareciteCanShare() {
    try {
      return typeof global.navigator.share == 'function';
    } catch (error) {
      return false;
    }
  }
  // console.warn, once per distinct message and page: the wasm's warnings
  // (src/console.rs) and the loader's own. A list of a hundred cards with
  // one mistake in common warns once.
  const warned = new Set();
  // console.error for the wasm's failures (src/console.rs), prefixed as
  // every message of ours is.
  function shareciteError(context, cause) {
    console.error(`sharecite: ${context}`, cause);
  }
  function shareciteWarn(message) {
    if (!warned.has(message)) console.warn(message);
    warned.add(message);
  }
  // `data-target` elements already given a placement (or about to be), by
  // any script tag: the wasm claims each before mounting into it.
  const claimed = new WeakSet();
  function shareciteClaim(element) {
    if (claimed.has(element)) return false;
    claimed.add(element);
    return true;
  }
  // The reader's Mastodon server, remembered on their device: stores
  // `instance`, or without one gives what is stored. Storage can throw
  // (sandboxed frames, blocked cookies): then nothing is remembered and
  // nothing breaks.
  function shareciteRemember(instance) {
    try {
      const storage = global.localStorage;
      const key = 'sharecite:mastodon-instance';
      if (instance == null) return storage.getItem(key);
      storage.setItem(key, instance);
    } catch (error) {}
  }
  // The button of a click (0 the main one, 1 the middle one, 0 for an
  // event without one), plus 8 when a modifier key was held: how the wasm
  // (src/widget.rs) tells a reader opening a link their own way.
  function shareciteButton(event) {
    return (event.button | 0) | (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey ? 8 : 0);
  }
  // The reader's selection, for copy attribution and quote sharing
  // (src/selection.rs): its text, the node that holds all of it, and the
  // bottom and left of its box; nothing when there is none, or when it is
  // the reader's own typing (a form field, an editable region, a focused
  // field) or inside a placement of ours. As web-sys bindings, a quarter
  // of a kilobyte more of the widget's download than these few lines.
  function shareciteSelection() {
    const selection = global.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    const range = selection.getRangeAt(0);
    const node = range.commonAncestorContainer;
    const element = node.nodeType == 1 ? node : node.parentElement;
    const notArticle = element && element.closest('input, textarea, [contenteditable]:not([contenteditable=false]), [data-sharecite-host]');
    if (notArticle || /^(INPUT|TEXTAREA)$/.test((doc.activeElement || {}).tagName)) return;
    // Where a popover fixed to the viewport goes: just under the
    // selection, and never off its top or left edge.
    const { bottom, left } = range.getBoundingClientRect();
    const pixels = (value) => Math.round(Math.max(value, 0)) + 'px';
    return { text: String(selection), node, at: `top:${pixels(bottom + 8)};left:${pixels(left)}` };
  }
  // The element an event is at (src/dom.rs), if it is at one.
  function shareciteTarget(event) {
    const target = event.target;
    if (target instanceof Element) return target;
  }
  // An open shadow root on `host` (a new element of ours), styled by the
  // shared sheet and, after it, a sheet of its own if there is one
  // (src/style.rs).
  function shareciteShadow(host, shared, own) {
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = own ? [shared, own] : [shared];
    return root;
  }
  // How the wasm waits for a promise: `done` (a Rust closure, of the
  // event listeners' type) hears once how it settled: with nothing when it
  // fulfilled, with the reason when it was rejected (one without a reason
  // as an Error, so the two never look alike). wasm-bindgen-futures did
  // this with an executor and two closure types, 1 KB more of gzipped wasm
  // and glue for three awaits.
  function shareciteSettle(promise, done) {
    Promise.resolve(promise).then(
      () => done(),
      (error) => done(error === undefined ? new Error('rejected without a reason') : error),
    );
  }

  // @wasm-bindgen-glue

  const glue = wasm_bindgen;
  const seen = new WeakSet();
  let loaded = false;
  const queue = [];

  function scriptsFor(script, url) {
    if (script) return [script];
    // Module scripts run once per URL, however many tags load it.
    const found = [];
    for (const candidate of doc.querySelectorAll('script[src]')) {
      if (candidate.src === url || (!url && /\/sharecite(\.min)?\.js(\?|#|$)/.test(candidate.src))) {
        found.push(candidate);
      }
    }
    return found;
  }

  // Only English is built in; a page in another language fetches its
  // strings (under 1 KB) from locales/ beside the script, once.
  const locales = new Map();
  // `lang` is the placement's data-lang (or lang option), if any.
  function loadLocale(lang) {
    let tag;
    try {
      tag = glue.locale_wanted(lang || '');
    } catch (error) {
      return Promise.resolve();
    }
    if (!tag) return Promise.resolve();
    if (!locales.has(tag)) {
      const url = new URL(`locales/${tag}.txt`, wasmUrl);
      url.search = wasmUrl.search;
      locales.set(
        tag,
        fetch(url)
          .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`HTTP ${response.status}`))))
          .then((text) => glue.add_locale(tag, text))
          .catch((error) => console.warn(`sharecite: could not load ${url.href}; using English.`, error)),
      );
    }
    return locales.get(tag);
  }

  // Starting the widget is a few short tasks rather than one long one, so
  // the page can paint and answer input in between: fetching the wasm,
  // instantiating it, reading the page, planning each placement, building
  // its tree, placing it. `scheduler.yield()` resumes ahead of other queued
  // work, so the widget is not kept waiting.
  const nextTask = () =>
    global.scheduler && typeof global.scheduler.yield === 'function'
      ? global.scheduler.yield()
      : new Promise((resolve) => setTimeout(resolve, 0));

  // Placements read the whole page, so they wait until it is parsed, whether
  // a script tag asked for them or the page called sharecite.mount().
  const parsed = new Promise((resolve) => {
    if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', resolve, { once: true });
    else resolve();
  });

  // Every call into the wasm that the loader makes: a failure is reported
  // once, as `sharecite: could not <what>`, and goes no further.
  const guard = (what, run) => {
    try {
      run();
    } catch (error) {
      console.error(`sharecite: could not ${what}`, error);
    }
  };

  // A placement starts in tasks of its own, whether a script tag or the
  // page (sharecite.mount()) asks for it: reading the page; each of
  // `steps` (a script tag's planning, then building the tree it clones);
  // placing it. `wanted()` is asked before each. The first yield keeps
  // reading the page out of the task that loaded the wasm or the locale.
  const startInTasks = (wanted, steps, place) =>
    steps
      .reduce(
        (previous, step) => previous.then(nextTask).then(() => wanted() && guard('mount', step)),
        nextTask().then(() => wanted() && guard('read the page', () => glue.read_page())),
      )
      .then(nextTask)
      .then(() => wanted() && place());

  function mount(script) {
    if (seen.has(script)) return Promise.resolve();
    seen.add(script);
    // `data-mount="manual"`: the page mounts placements itself, with
    // sharecite.mount(), as framework components do.
    if (script.getAttribute('data-mount') === 'manual') return Promise.resolve();
    return loadLocale(script.getAttribute('data-lang'))
      .then(() => parsed)
      .then(() =>
        startInTasks(
          () => true,
          [() => glue.plan_script(script), () => glue.build_script(script)],
          () => guard('mount', () => glue.mount_script(script)),
        ),
      );
  }

  function accept(script, url) {
    for (const each of scriptsFor(script, url)) {
      if (loaded) mount(each);
      else queue.push(each);
    }
  }

  // `sharecite.mount()`'s options, or an update's, written onto `config` as
  // the data-* attributes they name in camelCase (`copyMin` is
  // data-copy-min; the wasm lists them): strings as they are, numbers and
  // booleans as text (`true`/`false` as `on`/`off`), arrays joined
  // (`author` by `;`, the others by spaces); `null` removes one. Other
  // values are ignored, with a warning each page gives once.
  let names;
  const configure = (config, options) => {
    if (!options || typeof options != 'object') return;
    names = names || glue.attribute_names().split('|');
    for (const name of names) {
      const key = name.slice(5).replace(/-(.)/g, (_, letter) => letter.toUpperCase());
      const value = options[key];
      const type = typeof value;
      const text =
        value == null ? value
        : type == 'boolean' ? (value ? 'on' : 'off')
        : type == 'string' || type == 'number' ? '' + value
        : Array.isArray(value) ? value.join(key == 'author' ? ';' : ' ')
        : shareciteWarn(`sharecite: ${key}="${type}" is not valid: expected a string, number, boolean or array; it is ignored`);
      if (text === null) config.removeAttribute(name);
      else if (text !== undefined) config.setAttribute(name, text);
    }
  };

  let resolveReady;
  let resolveLoaded;
  const whenLoaded = new Promise((resolve) => (resolveLoaded = resolve));
  const api = {
    version: '__VERSION__',
    /** Resolves once the placements of the scripts seen so far are mounted. */
    ready: new Promise((resolve) => (resolveReady = resolve)),
    /**
     * Mounts a placement at the end of `element`, configured by `options`
     * (the data-* attributes in camelCase). Returns a handle at once, even
     * before sharecite has loaded: `update(options)` re-renders with changed
     * options, `destroy()` removes it and everything it added to the page.
     */
    mount(element, options = {}) {
      // The options as the data-* attributes a script tag would carry, on
      // an element of their own that the wasm reads as it reads a script.
      const config = doc.createElement('div');
      // The placement's host, once mounted.
      let host;
      let destroyed = false;
      // Updates made before the mount, held for it; none once it was tried.
      let pending = [];
      const update = (changes) => {
        if (destroyed) return;
        if (!host) return void (pending && pending.push(changes));
        configure(config, changes);
        // A getter of `changes` may have destroyed it.
        if (host) guard('update', () => (host = glue.mount(element, config, host)));
      };
      const mounted = whenLoaded.then(() => parsed).then(() => {
        if (destroyed) return;
        return loadLocale(options && options.lang).then(() =>
          startInTasks(
            () => !destroyed,
            [
              () => {
                configure(config, options);
                glue.prepare_mount(config);
              },
            ],
            () => {
              guard('mount', () => (host = glue.mount(element, config)));
              const held = pending;
              pending = null;
              held.forEach(update);
            },
          ),
        ).then(republishReady);
      });
      return {
        mounted,
        update,
        destroy() {
          destroyed = true;
          if (host) guard('destroy', () => glue.placement_destroy(host));
          host = undefined;
        },
      };
    },
  };
  Object.defineProperty(api, INTERNAL, { value: accept });
  Object.defineProperty(global, 'sharecite', { value: Object.freeze(api), configurable: true, writable: false });

  accept(current, ownUrl);

  let wasmUrl;
  try {
    const base = new URL(ownUrl || 'sharecite.js', doc.baseURI);
    wasmUrl = new URL('sharecite_bg.wasm', base);
    // `sharecite.js?v=3` fetches `sharecite_bg.wasm?v=3`: one cache key
    // for both files.
    wasmUrl.search = base.search;
  } catch (error) {
    console.error('sharecite: cannot tell where sharecite_bg.wasm is', error);
    return;
  }

  // The first fetch() in a page is costly (Blink readies its fetch
  // machinery: about 30 ms of main thread at 4x throttling), so it gets a
  // task of its own rather than lengthening the script's.
  nextTask()
    .then(() => glue(wasmUrl))
    .then((exports) => ((widgetExports = exports), nextTask()))
    .then(
      () => {
        loaded = true;
        resolveLoaded();
        // Placements mount once the document is parsed; so does `ready`,
        // and the event frameworks wait for.
        return Promise.all(queue.splice(0).map(mount))
          .then(() => parsed)
          .then(republishReady)
          .then(() => {
            resolveReady();
            doc.dispatchEvent(new CustomEvent('sharecite:ready', { detail: { version: api.version } }));
          });
      },
      (error) => {
        console.error(`sharecite: could not load ${wasmUrl.href}; no share buttons on this page.`, error);
      },
    );
})();

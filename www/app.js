// The demo app's own code: what a framework component does with sharecite.
const handle = window.sharecite.mount(document.getElementById('slot'), {
  networks: ['x', 'bluesky', 'email', 'copy', 'cite'],
  url: 'https://www.globalresearch.ca/us-ultimatum-huawei-backfiring/5678141',
  title: 'The U.S. Ultimatum on Huawei Is Backfiring',
  author: ['Andrew Korybko'],
  publisher: 'Global Research',
});

// Exposed for the browser tests (and for trying things in the console).
window.shareHandle = handle;

document.getElementById('rename').addEventListener('click', () => {
  handle.update({ title: 'The Ultimatum, Renamed' });
});
document.getElementById('remove').addEventListener('click', () => handle.destroy());

// For the leak test: mount and destroy many placements, as a router does
// when readers move between pages.
window.mountAndDestroy = async (count) => {
  const box = document.getElementById('stress');
  const handles = [];
  for (let i = 0; i < count; i += 1) {
    handles.push(window.sharecite.mount(box, { networks: 'x email copy cite mastodon', url: `https://example.org/${i}`, title: `Story ${i}` }));
  }
  await Promise.all(handles.map((h) => h.mounted));
  const mounted = box.querySelectorAll('[data-sharecite-host]').length;
  for (const h of handles) h.destroy();
  return { mounted, left: box.querySelectorAll('[data-sharecite-host]').length };
};

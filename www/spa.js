// The demo site's own router: pushState navigation that updates the
// title and heading, as single-page frameworks do.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-route]');
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  history.pushState({ title: link.dataset.route }, '', link.href);
  show(link.dataset.route);
});

window.addEventListener('popstate', (event) => show(event.state ? event.state.title : 'First story'));

function show(title) {
  document.title = title + ' | Single-page demo';
  document.getElementById('story-title').textContent = title;
}

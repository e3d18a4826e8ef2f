// vans progressive enhancement: pages work without this file; it only adds comfort.
// Moves focus to the main content when the skip link is used (for screen readers).
document.addEventListener('DOMContentLoaded', () => {
  const skip = document.querySelector('.skip-link');
  const main = document.getElementById('main');
  if (skip && main) skip.addEventListener('click', () => main.focus());
});

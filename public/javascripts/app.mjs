// Progressive enhancement only: every page works without this script.
import { initAll } from '/public/javascripts/govuk-frontend.min.js';

initAll();

// A data file being checked: follow its progress in place (without JavaScript, the page
// has a link to look again). The status is a polite live region, so it is announced
// without moving focus; when the check ends the page is loaded again to show the report.
const progress = document.querySelector('[data-import-progress]');
if (progress) {
  const follow = async () => {
    const response = await fetch(window.location.href, { headers: { accept: 'text/html' } });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.querySelector('[data-import-progress]');
    if (!fresh) return window.location.reload();
    progress.textContent = fresh.textContent;
    window.setTimeout(follow, 2000);
  };
  window.setTimeout(follow, 2000);
}

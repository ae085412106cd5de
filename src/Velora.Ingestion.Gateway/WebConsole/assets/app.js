// The console's shell: sign-in with the store's API key, then the sections, chosen by the address's fragment
// (#/interactions, #/history, #/imports/{id}) so that the browser's back button and bookmarks work.
import { getJson, onUnauthorized, session } from './api.js';
import { clearHistory, showHistory, wireHistory } from './history.js';
import { clearImport, showImport, stopImport } from './imports.js';
import { resetInteractions, showInteractions, wireInteractions } from './interactions.js';

const $ = id => document.getElementById(id);
const views = ['sign-in-view', 'interactions-view', 'import-view', 'history-view'];
let store = null;

function show(view, section) {
  for (const v of views) $(v).hidden = v !== view;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

async function route() {
  // Only #/… addresses are sections; another fragment (the skip link's) changes nothing.
  if (location.hash && !location.hash.startsWith('#/')) return;
  stopImport();
  if (!session.key || !store) {
    show('sign-in-view');
    $('api-key').focus();
    return;
  }
  const hash = location.hash;
  const importMatch = /^#\/imports\/([0-9a-f-]{36})$/i.exec(hash);
  try {
    if (importMatch) {
      show('import-view', 'history');
      showImport(importMatch[1]);
    } else if (hash === '#/history') {
      show('history-view', 'history');
      await showHistory();
    } else {
      show('interactions-view', 'interactions');
      await showInteractions();
    }
  } catch (error) {
    if (error.status === 401) return;
    $('upload-error').textContent = error.message;
    $('upload-error').hidden = false;
  }
  $('main').focus({ preventScroll: true });
}

async function signIn(key) {
  session.signIn(key);
  try {
    store = await getJson('/v1/store', 'check the API key');
  } catch (error) {
    session.signOut();
    store = null;
    throw error;
  }
  $('store-name').textContent = store.name;
  $('store').hidden = false;
  $('nav').hidden = false;
}

function signOut(message) {
  session.signOut();
  store = null;
  clearImport();
  clearHistory();
  resetInteractions();
  $('store').hidden = true;
  $('nav').hidden = true;
  $('sign-in-form').reset();
  const error = $('sign-in-error');
  error.hidden = !message;
  error.textContent = message ?? '';
  show('sign-in-view');
  $('api-key').focus();
}

$('sign-in-form').addEventListener('submit', async event => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  const error = $('sign-in-error');
  error.hidden = true;
  if (!key) {
    error.textContent = 'Enter your store\u2019s API key.';
    error.hidden = false;
    return;
  }
  try {
    await signIn(key);
    $('api-key').value = '';
    await route();
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
    $('api-key').select();
  }
});

$('sign-out').addEventListener('click', () => { signOut(); history.replaceState(null, '', location.pathname); });
$('skip').addEventListener('click', event => { event.preventDefault(); $('main').focus(); });
// A key the gateway no longer knows (revoked, say) ends the session wherever it is found.
onUnauthorized(error => { if (store) signOut(error.message); });
window.addEventListener('hashchange', route);
wireInteractions();
wireHistory();

// A reload keeps the session: the key is still in this tab's storage. Only a refused key ends it; a gateway that does
// not answer leaves the key in place for the next reload.
if (session.key) {
  const key = session.key;
  signIn(key).then(route, error => {
    if (error.status === 401) { signOut(error.message); return; }
    show('sign-in-view');
    $('sign-in-error').textContent = `${error.message} Reload the page to try again.`;
    $('sign-in-error').hidden = false;
    session.signIn(key);
  });
} else {
  route();
}

// The store's imports, newest first, paged with the API's cursors; a file name opens its import.
import { getJson } from './api.js';
import { el, keepFocus, number, status, time } from './format.js';
import { typeTitle } from './interactions.js';

const $ = id => document.getElementById(id);
const perPage = 10;
const paging = { cursors: [null], page: 0, asked: 0, last: Infinity };
const buttons = () => [$('history-previous'), $('history-next')];

export async function showHistory() {
  Object.assign(paging, { cursors: [null], page: 0, last: Infinity });
  await load();
}

export function clearHistory() {
  paging.asked++;
  $('history').tBodies[0].replaceChildren();
  $('history-page').textContent = '';
}

async function load() {
  const asked = ++paging.asked;
  const at = paging.page;
  $('history-error').hidden = true;
  const query = new URLSearchParams({ limit: perPage });
  const cursor = paging.cursors[at];
  if (cursor) query.set('cursor', cursor);
  const focused = document.activeElement;
  for (const b of buttons()) b.disabled = true;
  let page;
  try {
    page = await getJson(`/v1/imports?${query}`, 'list the imports');
  } catch (error) {
    if (asked !== paging.asked) return;
    clearHistory();
    $('history-error').textContent = error.message;
    $('history-error').hidden = false;
    return;
  }
  if (asked !== paging.asked) return;
  // A full page says there may be more; an empty one after it means the previous page was the last.
  if (page.items.length === 0 && at > 0) {
    paging.page = at - 1;
    paging.last = at - 1;
    await load();
    keepFocus(focused, $('history-page'));
    return;
  }
  paging.cursors[at + 1] = page.next_cursor;
  $('history').tBodies[0].replaceChildren(...page.items.map(job => el('tr', {},
    el('td', {}, el('a', { href: `#/imports/${job.import_id}` }, job.file_name ?? job.import_id)),
    el('td', {}, typeTitle(job.interaction_type)),
    el('td', {}, el('span', { class: `status ${job.status}` }, status(job.status))),
    el('td', { class: 'n' }, number(job.processed)),
    el('td', { class: 'n' }, number(job.succeeded)),
    el('td', { class: 'n' }, number(job.skipped)),
    el('td', { class: 'n' }, number(job.failed)),
    el('td', {}, time(job.created_at)))));
  const empty = page.items.length === 0;
  $('history-empty').hidden = !empty;
  $('history').hidden = empty;
  $('history-page').textContent = empty ? '' : `Page ${at + 1}`;
  $('history-previous').disabled = at === 0;
  $('history-next').disabled = !page.next_cursor || at >= paging.last;
  keepFocus(focused, $('history-page'));
}

export function wireHistory() {
  $('history-previous').addEventListener('click', () => { paging.page--; load(); });
  $('history-next').addEventListener('click', () => { paging.page++; load(); });
}

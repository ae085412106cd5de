// The store's imports, newest first, paged with the API's cursors; a file name opens its import.
import { getJson } from './api.js';
import { el, number, status, time } from './format.js';
import { typeTitle } from './interactions.js';

const $ = id => document.getElementById(id);
const perPage = 10;
const paging = { cursors: [null], page: 0 };

export async function showHistory() {
  paging.cursors = [null];
  paging.page = 0;
  await load();
}

async function load() {
  $('history-error').hidden = true;
  const query = new URLSearchParams({ limit: perPage });
  const cursor = paging.cursors[paging.page];
  if (cursor) query.set('cursor', cursor);
  let page;
  try {
    page = await getJson(`/v1/imports?${query}`, 'list the imports');
  } catch (error) {
    $('history-error').textContent = error.message;
    $('history-error').hidden = false;
    return;
  }
  paging.cursors[paging.page + 1] = page.next_cursor;
  $('history').tBodies[0].replaceChildren(...page.items.map(job => el('tr', {},
    el('td', {}, el('a', { href: `#/imports/${job.import_id}` }, job.file_name ?? job.import_id)),
    el('td', {}, typeTitle(job.interaction_type)),
    el('td', {}, el('span', { class: `status ${job.status}` }, status(job.status))),
    el('td', { class: 'n' }, number(job.processed)),
    el('td', { class: 'n' }, number(job.succeeded)),
    el('td', { class: 'n' }, number(job.skipped)),
    el('td', { class: 'n' }, number(job.failed)),
    el('td', {}, time(job.created_at)))));
  const empty = page.items.length === 0 && paging.page === 0;
  $('history-empty').hidden = !empty;
  $('history').hidden = empty;
  $('history-page').textContent = empty ? '' : `Page ${paging.page + 1}`;
  $('history-previous').disabled = paging.page === 0;
  $('history-next').disabled = !page.next_cursor;
}

export function wireHistory() {
  $('history-previous').addEventListener('click', () => { paging.page--; load(); });
  $('history-next').addEventListener('click', () => { paging.page++; load(); });
}

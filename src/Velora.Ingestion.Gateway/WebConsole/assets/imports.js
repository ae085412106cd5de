// One import: its progress while it runs (polled), then its result, its failed rows paged, and every failure as CSV.
import { download, getJson } from './api.js';
import { announce, duration, el, ended, keepFocus, number, status as statusWord, time } from './format.js';
import { typeTitle } from './interactions.js';

const $ = id => document.getElementById(id);
const pollEvery = 500;
const failuresPerPage = 20;
let current = null;

export function showImport(id) {
  stopImport();
  const view = { id, cancelled: false, cursors: [null], page: 0, status: null, step: -1 };
  current = view;
  for (const card of ['import-progress-card', 'file-failure', 'summary-card', 'failures-card', 'import-error']) $(card).hidden = true;
  $('import-title').textContent = 'Import';
  $('import-file').textContent = '';
  poll(view);
}

export function stopImport() {
  if (current) current.cancelled = true;
  current = null;
}

async function poll(view) {
  while (!view.cancelled) {
    let job;
    try {
      job = await getJson(`/v1/imports/${view.id}`, 'read this import');
    } catch (error) {
      if (view.cancelled) return;
      $('import-error').textContent = error.status === 404 ? 'This import does not exist, or it belongs to another store.' : error.message;
      $('import-error').hidden = false;
      if (error.status === 404 || error.status === 401) return;
      await sleep(pollEvery * 4);
      continue;
    }
    if (view.cancelled) return;
    $('import-error').hidden = true;
    render(job);
    tell(view, job);
    if (ended(job.status)) {
      if (job.processed > 0) await showFailures(view, job);
      return;
    }
    await sleep(pollEvery);
  }
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// Screen readers hear a change of status and each quarter of the way, not every poll.
function tell(view, job) {
  const step = Math.floor(percentOf(job.progress) / 25);
  if (job.status !== view.status) {
    view.status = job.status;
    announce(job.status === 'succeeded' ? `Import succeeded: ${number(job.succeeded)} of ${number(job.processed)} rows stored, ${number(job.failed)} failed.`
      : job.status === 'failed' || job.status === 'refused' ? `Import ${job.status}. ${job.error ?? ''}` : `Import ${statusWord(job.status).toLowerCase()}.`);
  } else if (job.status === 'running' && step > view.step && step > 0) {
    announce(`${step * 25} % imported.`);
  }
  view.step = Math.max(view.step, step);
}

function percentOf(progress) {
  if (progress.rows_total) return Math.floor((progress.rows_done / progress.rows_total) * 100);
  if (progress.bytes_total) return Math.floor((progress.bytes_done / progress.bytes_total) * 100);
  return 0;
}

function render(job) {
  $('import-title').textContent = `${typeTitle(job.interaction_type)} import · ${statusWord(job.status)}`;
  $('import-file').textContent = `${job.file_name ?? 'A file sent by another service'} · uploaded ${time(job.created_at)}`;
  const p = job.progress;
  const done = ended(job.status) || job.status === 'reverting';
  // A refused import never ran; a failed one stopped where it was: neither shows 100 %.
  const stopped = job.status === 'failed' || job.status === 'refused';
  const percent = stopped ? percentOf(p) : done ? 100 : percentOf(p);
  $('import-progress-card').hidden = stopped && job.processed === 0;
  $('import-progress').value = percent;
  const parts = [
    p.rows_total ? `${number(p.rows_done)} of ${number(p.rows_total)} rows` : `${number(p.rows_done)} rows`,
    `${percent} %`,
  ];
  if (p.rows_per_second) parts.push(`${number(Math.round(p.rows_per_second))} rows/s`);
  if (!done && p.estimated_seconds_left !== null && p.estimated_seconds_left !== undefined) parts.push(`about ${duration(p.estimated_seconds_left)} left`);
  if (job.status === 'queued') parts.push('waiting for a worker');
  if (done && job.started_at && job.completed_at) parts.push(`took ${duration((new Date(job.completed_at) - new Date(job.started_at)) / 1000)}`);
  $('import-progress-text').textContent = parts.join(' · ');

  if (stopped && job.error) {
    $('file-failure-reason').textContent = job.error;
    $('file-failure-fix').textContent = fixFor(job);
    $('file-failure').hidden = false;
  }
  // A file that failed before any row was read has no summary worth showing: its reason says it all.
  $('summary-card').hidden = true;
  if (done && !(stopped && job.processed === 0)) renderSummary(job);
}

// The reason already says what is wrong; this says where in the console to put it right.
function fixFor(job) {
  const error = job.error;
  // A refused upload never ran: the file was not at fault, so the fix is to send it again.
  if (job.status === 'refused') return 'Upload the file again; nothing of it was imported.';
  if (/encoding|UTF-8/i.test(error)) return 'Upload the file again and choose its encoding under File options (Windows-1252 for most Excel exports).';
  if (/delimit/i.test(error)) return 'Upload the file again and choose its delimiter under File options.';
  if (/header has \d+ columns/i.test(error)) return 'Leave out the columns Velora does not need, then upload the file again.';
  if (/column/i.test(error)) return 'Fix the header of the file, or upload it again and say which of your columns holds it under Column mapping.';
  if (/gzip|compress/i.test(error)) return 'Compress the file again with gzip, or upload it uncompressed.';
  return 'Fix the file as the reason says, then upload it again.';
}

function renderSummary(job) {
  const entries = [
    ['Processed', number(job.processed)],
    ['Succeeded', number(job.succeeded)],
    ['Skipped', number(job.skipped)],
    ['Failed', number(job.failed)],
    ['Success rate', job.success_rate],
    ['Completion rate', job.completion_rate],
  ];
  $('summary').replaceChildren(...entries.map(([name, value]) =>
    el('div', {}, el('dt', {}, name), el('dd', { 'data-field': name.toLowerCase().replace(' ', '_') }, value))));
  const reasons = job.skipped_by_reason;
  const why = reasons && job.skipped > 0
    ? [[reasons.duplicate_in_file, 'repeated within the file'], [reasons.already_stored, 'already stored by an earlier import'], [reasons.erased_user, 'of erased users']]
      .filter(([n]) => n > 0).map(([n, words]) => `${number(n)} ${words}`).join(', ')
    : '';
  const revert = job.revert
    ? (job.status === 'reverted' ? ` Reverted: ${number(job.revert.rows_removed)} rows removed.` : ` Reverting: ${number(job.revert.rows_removed)} rows removed so far.`)
    : '';
  $('skip-reasons').textContent = `${why ? `Skipped: ${why}.` : ''}${revert}`.trim();
  $('skip-reasons').hidden = !why && !revert;
  $('summary-card').hidden = false;
}

async function showFailures(view, job) {
  if (job.failed === 0) { $('failures-card').hidden = true; return; }
  $('failures-card').hidden = false;
  $('failures-title').textContent = `Failed rows (${number(job.failed)})`;
  const pages = Math.ceil(job.failed / failuresPerPage);
  const buttons = [$('failures-previous'), $('failures-next')];
  const load = async () => {
    const at = view.page;
    const cursor = view.cursors[at];
    const query = new URLSearchParams({ limit: failuresPerPage });
    if (cursor) query.set('cursor', cursor);
    const focused = document.activeElement;
    for (const b of buttons) b.disabled = true;
    const page = await getJson(`/v1/imports/${view.id}/failures?${query}`, 'list the failed rows');
    if (view.cancelled || at !== view.page) return;
    view.cursors[at + 1] = page.next_cursor;
    $('failures').tBodies[0].replaceChildren(...page.items.map(f => el('tr', {},
      el('td', { class: 'n' }, number(f.row_number)), el('td', {}, f.user_id), el('td', {}, f.item_id), el('td', {}, f.error))));
    $('failures-page').textContent = `Page ${view.page + 1} of ${pages}`;
    $('failures-previous').disabled = view.page === 0;
    $('failures-next').disabled = !page.next_cursor || view.page + 1 >= pages;
    keepFocus(focused, $('failures-page'));
  };
  const showError = error => {
    if (view.cancelled) return;
    $('import-error').textContent = error.message;
    $('import-error').hidden = false;
    $('failures-previous').disabled = view.page === 0;
    $('failures-next').disabled = false;
  };
  $('failures-previous').onclick = () => { view.page--; load().catch(showError); };
  $('failures-next').onclick = () => { view.page++; load().catch(showError); };
  $('failures-csv').onclick = () => download(`/v1/imports/${view.id}/failures`, 'export the failed rows', `import-${view.id}-failures.csv`, 'text/csv').catch(showError);
  await load().catch(showError);
}

/** Empties what an import showed, so that nothing of one store stays on screen for the next. */
export function clearImport() {
  stopImport();
  $('failures').tBodies[0].replaceChildren();
  $('summary').replaceChildren();
  for (const card of ['import-progress-card', 'file-failure', 'summary-card', 'failures-card', 'import-error']) $(card).hidden = true;
}

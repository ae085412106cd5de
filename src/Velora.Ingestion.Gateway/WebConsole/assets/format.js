// How numbers, sizes, durations and times read in the console.
const count = new Intl.NumberFormat('en');

export const number = n => (n === null || n === undefined ? '–' : count.format(n));

export function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function duration(exact) {
  if (exact < 1) return 'less than a second';
  const seconds = Math.round(exact);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const time = iso => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }) : '–');

const statusWords = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  validated: 'Validated',
  refused: 'Refused',
  reverting: 'Reverting',
  reverted: 'Reverted',
};

/** Whether an import has nothing more to do: it ended, was refused, or its revert ended. */
export const ended = s => ['succeeded', 'failed', 'validated', 'refused', 'reverted'].includes(s);

export const status = s => statusWords[s] ?? s;

/** Says something to screen readers once (a status change), without reading every progress tick aloud. */
export function announce(text) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}

/**
 * After a pager's page loaded: the button that had the focus gets it back (disabling it while loading lost it), or,
 * when it is disabled now (the first or last page), the page label takes it.
 */
export function keepFocus(button, label) {
  if (!(button instanceof HTMLButtonElement)) return;
  if (button.disabled) label.focus(); else button.focus();
}

/** Builds an element: el('td', {class: 'n'}, 'text', child). Text is always set as text, never parsed as HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter(c => c !== undefined && c !== null));
  return node;
}

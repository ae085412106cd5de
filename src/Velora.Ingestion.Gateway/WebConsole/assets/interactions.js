// The Interactions section: pick a type, read its columns, download a sample, choose a file, map its columns, upload.
import { download, getJson, upload } from './api.js';
import { bytes, el } from './format.js';
import { normalize, readHeader } from './header.js';

const $ = id => document.getElementById(id);
const state = { types: [], type: null, savedMapping: {}, header: [], choices: {} };
const skip = '\u0000skip';

export const typeTitle = name => name.charAt(0).toUpperCase() + name.slice(1).replaceAll('_', ' ');

export async function showInteractions() {
  $('upload-progress').hidden = true;
  $('upload-error').hidden = true;
  if (state.types.length === 0) {
    const list = await getJson('/v1/interaction-types', 'list the interaction types');
    state.types = list.items;
    renderTypes();
  }
}

export function resetInteractions() {
  Object.assign(state, { types: [], type: null, savedMapping: {}, header: [], choices: {} });
  $('type-list').replaceChildren();
  $('type-detail').replaceChildren();
  $('upload-form').reset();
  $('mapping').hidden = true;
  $('mapping-warning').hidden = true;
}

function renderTypes() {
  $('type-list').replaceChildren(...state.types.map((type, index) => {
    const id = `type-${type.name}`;
    // The radio's name is the type's title alone; its description is read out after it.
    const input = el('input', { type: 'radio', name: 'type', id, value: type.name, checked: index === 0, 'aria-describedby': `${id}-about` });
    input.addEventListener('change', () => selectType(type.name));
    return el('div', { class: 'type' }, input,
      el('div', {}, el('label', { for: id }, typeTitle(type.name)), el('span', { class: 'hint', id: `${id}-about` }, type.description)));
  }));
  if (state.types.length > 0) selectType(state.types[0].name);
}

async function selectType(name) {
  state.type = state.types.find(t => t.name === name);
  state.choices = {};
  renderTypeDetail();
  try {
    const saved = await getJson(`/v1/interaction-types/${encodeURIComponent(name)}/mapping`, 'read the saved column mapping');
    state.savedMapping = saved.mapping ?? {};
  } catch {
    state.savedMapping = {};
  }
  renderMapping();
}

function renderTypeDetail() {
  const type = state.type;
  const rows = [
    ...type.columns.map(c => el('tr', {},
      el('th', { scope: 'row' }, el('code', {}, c.name)),
      el('td', {}, c.required ? 'Required' : 'Optional'),
      el('td', {}, `${c.description}: ${c.rule}`, c.aliases.length ? el('span', { class: 'hint' }, ` Also read from ${c.aliases.join(', ')}.`) : null))),
    ...type.properties.map(p => el('tr', {},
      el('th', { scope: 'row' }, el('code', {}, p.name)),
      el('td', {}, p.required ? 'Required property' : 'Declared property'),
      el('td', {}, `a ${p.kind} property this store declared`))),
  ];
  const sample = el('button', { type: 'button', class: 'secondary', id: 'sample-download' }, `Download a sample ${typeTitle(type.name).toLowerCase()} file`);
  sample.addEventListener('click', () => download(
    `/v1/interaction-types/${encodeURIComponent(type.name)}/sample`, 'make the sample file', `velora-${type.name}-sample.csv`)
    .catch(showUploadError));
  $('type-detail').replaceChildren(
    el('div', { class: 'table-wrap' }, el('table', { id: 'type-columns' },
      el('caption', {}, `Columns of a ${typeTitle(type.name).toLowerCase()} file`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Column'), el('th', { scope: 'col' }, 'Needed'), el('th', { scope: 'col' }, 'What it holds'))),
      el('tbody', {}, ...rows))),
    el('p', { class: 'hint' }, 'Any other column of your file is kept as a text property of the interaction.'),
    sample);
}

// What each header column is read as, the way the gateway resolves it: the upload's choice, then the saved mapping,
// then the exact name, then an alias; anything else is kept as a property.
function resolve() {
  const type = state.type;
  const targets = [...type.columns.map(c => c.name), ...type.properties.map(p => p.name)];
  const saved = Object.fromEntries(Object.entries(state.savedMapping).map(([k, v]) => [k.toLowerCase(), v]));
  const read = {};
  const taken = new Set();
  for (const h of state.header) {
    const choice = state.choices[h];
    const target = choice !== undefined ? (choice === skip ? '' : choice) : saved[h.toLowerCase()];
    if (target !== undefined) { read[h] = target; taken.add(target); }
  }
  for (const h of state.header) {
    const exact = targets.find(t => t.toLowerCase() === h.toLowerCase());
    if (read[h] === undefined && exact && !taken.has(exact)) { read[h] = exact; taken.add(exact); }
  }
  for (const h of state.header) {
    const alias = type.columns.find(c => !taken.has(c.name) && c.aliases.some(a => normalize(a) === normalize(h)));
    if (read[h] === undefined && alias) { read[h] = alias.name; taken.add(alias.name); }
  }
  const missing = [...type.columns.filter(c => c.required), ...type.properties.filter(p => p.required)]
    .map(c => c.name).filter(n => !taken.has(n));
  return { read, missing, targets };
}

function renderMapping() {
  if (!state.type || state.header.length === 0) { $('mapping').hidden = true; $('mapping-warning').hidden = true; return; }
  const { read, missing, targets } = resolve();
  $('mapping-rows').replaceChildren(...state.header.map((h, index) => {
    const id = `map-${index}`;
    const now = read[h];
    const automatic = now === undefined ? 'kept as a text property' : now === '' ? 'left out' : `read as ${now}`;
    const select = el('select', { id },
      el('option', { value: '' }, `As it is (${automatic})`),
      ...targets.map(t => el('option', { value: t, selected: state.choices[h] === t }, t)),
      el('option', { value: skip, selected: state.choices[h] === skip }, 'Leave this column out'));
    select.addEventListener('change', () => {
      if (select.value === '') delete state.choices[h]; else state.choices[h] = select.value;
      renderMapping();
      document.getElementById(id)?.focus();
    });
    return el('div', { class: 'row' }, el('label', { for: id }, h), select);
  }));
  $('mapping').hidden = false;
  const warning = $('mapping-warning');
  warning.hidden = missing.length === 0;
  if (missing.length > 0) {
    warning.textContent = `No column of your file is read as ${missing.join(', ')}. Choose which column holds it under Column mapping.`;
    $('mapping').open = true;
  }
}

async function fileChosen() {
  const file = $('file').files[0];
  state.header = [];
  state.choices = {};
  if (file) {
    try {
      state.header = await readHeader(file, $('delimiter').value, $('encoding').value);
    } catch {
      state.header = [];
    }
  }
  renderMapping();
}

function showUploadError(error) {
  const box = $('upload-error');
  box.textContent = error.message;
  box.hidden = false;
}

function query() {
  const params = new URLSearchParams({ type: state.type.name });
  if ($('delimiter').value) params.set('delimiter', $('delimiter').value);
  if ($('encoding').value) params.set('encoding', $('encoding').value);
  const mapping = Object.fromEntries(Object.entries(state.choices).map(([h, t]) => [h, t === skip ? '' : t]));
  if (Object.keys(mapping).length > 0) params.set('mapping', JSON.stringify(mapping));
  return params.toString();
}

async function submit(event) {
  event.preventDefault();
  $('upload-error').hidden = true;
  const file = $('file').files[0];
  if (!file) { showUploadError(new Error('Choose a file to upload first.')); $('file').focus(); return; }
  const button = $('upload-button');
  button.disabled = true;
  $('upload-progress').hidden = false;
  try {
    const id = await upload(query(), file, (sent, total) => {
      $('upload-bar').value = total > 0 ? Math.round((sent / total) * 100) : 0;
      $('upload-text').textContent = `${bytes(sent)} of ${bytes(total)} sent`;
    });
    $('file').value = '';
    state.header = [];
    state.choices = {};
    renderMapping();
    location.hash = `#/imports/${id}`;
  } catch (error) {
    $('upload-progress').hidden = true;
    showUploadError(error);
  } finally {
    button.disabled = false;
  }
}

export function wireInteractions() {
  $('upload-form').addEventListener('submit', submit);
  $('file').addEventListener('change', fileChosen);
  $('delimiter').addEventListener('change', fileChosen);
  $('encoding').addEventListener('change', fileChosen);
  const zone = $('drop-zone');
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => {
    e.preventDefault();
    zone.classList.remove('over');
    if (e.dataTransfer.files.length > 0) {
      $('file').files = e.dataTransfer.files;
      fileChosen();
    }
  });
}

// The Interactions section: pick a type, read its columns, download a sample, choose a file, map its columns, upload.
import { download, getJson, postJson, upload } from './api.js';
import { announce, bytes, el } from './format.js';
import { readHeader } from './header.js';

const $ = id => document.getElementById(id);
// asked counts previews and chosen counts file choices, each so that only the latest answer is shown. They are
// separate: the preview that the types' arrival starts must not discard the header of a file still being read.
const state = { types: [], type: null, header: [], choices: {}, asked: 0, chosen: 0, upload: null };
const skip = '\u0000skip';

export const typeTitle = name => name.charAt(0).toUpperCase() + name.slice(1).replaceAll('_', ' ');

export async function showInteractions() {
  $('upload-progress').hidden = true;
  $('upload-error').hidden = true;
  if (state.types.length === 0) {
    $('upload-button').disabled = true;
    const list = await getJson('/v1/interaction-types', 'list the interaction types');
    state.types = list.items;
    renderTypes();
    $('upload-button').disabled = false;
  }
}

export function resetInteractions() {
  state.upload?.abort();
  Object.assign(state, { types: [], type: null, header: [], choices: {}, asked: state.asked + 1, chosen: state.chosen + 1, upload: null });
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

function selectType(name) {
  state.type = state.types.find(t => t.name === name);
  state.choices = {};
  renderTypeDetail();
  preview();
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

// What each header column would be read as comes from the gateway (POST /v1/interaction-types/{type}/header): the
// planner's own reading, with the saved mapping and this upload's choices, so the preview cannot disagree with it.
async function preview() {
  const asked = ++state.asked;
  if (!state.type || state.header.length === 0) { renderMapping(null); return; }
  const mapping = Object.fromEntries(Object.entries(state.choices).map(([h, t]) => [h, t === skip ? '' : t]));
  try {
    const read = await postJson(`/v1/interaction-types/${encodeURIComponent(state.type.name)}/header`, 'read the header', { header: state.header, mapping });
    if (asked === state.asked) renderMapping(read);
  } catch (error) {
    if (asked === state.asked) renderMapping({ columns: [], error: error.message });
  }
}

function hintOf(column) {
  if (!column) return 'as it is';
  if (column.column) return `read as ${column.column}`;
  if (column.property) return `kept as a ${column.kind} property`;
  return 'left out';
}

function renderMapping(read) {
  if (!read) { $('mapping').hidden = true; $('mapping-warning').hidden = true; return; }
  const type = state.type;
  const targets = [...type.columns.map(c => c.name), ...type.properties.map(p => p.name)];
  $('mapping-rows').replaceChildren(...state.header.map((h, index) => {
    const id = `map-${index}`;
    const select = el('select', { id },
      el('option', { value: '' }, `As it is (${hintOf(read.columns[index])})`),
      ...targets.map(t => el('option', { value: t, selected: state.choices[h] === t }, t)),
      el('option', { value: skip, selected: state.choices[h] === skip }, 'Leave this column out'));
    select.addEventListener('change', async () => {
      if (select.value === '') delete state.choices[h]; else state.choices[h] = select.value;
      await preview();
      document.getElementById(id)?.focus();
    });
    return el('div', { class: 'row' }, el('label', { for: id }, h), select);
  }));
  $('mapping').hidden = false;
  const warning = $('mapping-warning');
  warning.hidden = !read.error;
  if (read.error) {
    warning.textContent = `${read.error.replace(/; name it with map=[^)]*/, '')}. Choose which of your columns holds it under Column mapping.`;
    $('mapping').open = true;
  }
}

async function fileChosen() {
  const file = $('file').files[0];
  const chosen = ++state.chosen;
  let header = [];
  if (file) {
    try {
      header = await readHeader(file, $('delimiter').value, $('encoding').value);
    } catch {
      header = [];
    }
  }
  if (chosen !== state.chosen) return;
  state.header = header;
  state.choices = {};
  await preview();
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
  announce(`Uploading ${file.name}`);
  const upload_ = new AbortController();
  state.upload = upload_;
  try {
    const id = await upload(query(), file, (sent, total) => {
      $('upload-bar').value = total > 0 ? Math.round((sent / total) * 100) : 0;
      $('upload-text').textContent = `${bytes(sent)} of ${bytes(total)} sent`;
    }, upload_.signal);
    if (upload_.signal.aborted) return;
    $('file').value = '';
    state.header = [];
    state.choices = {};
    renderMapping(null);
    location.hash = `#/imports/${id}`;
  } catch (error) {
    if (upload_.signal.aborted) return;
    $('upload-progress').hidden = true;
    showUploadError(error);
  } finally {
    if (state.upload === upload_) state.upload = null;
    button.disabled = state.types.length === 0;
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

// Reads the header line of a chosen file in the browser, so the upload form can show how each column will be read
// before anything is sent. The gateway reads the file again on its own: this is only a preview.
const delimiters = { ',': ',', ';': ';', tab: '\t', '|': '|' };

async function firstBytes(file, limit) {
  let stream = file.stream();
  if (/\.gz$/i.test(file.name)) stream = stream.pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const parts = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      size += value.length;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const part of parts) { all.set(part, at); at += part.length; }
  return all;
}

function decode(data, encoding) {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  try {
    return new TextDecoder(encoding || 'utf-8').decode(data);
  } catch {
    return new TextDecoder('utf-8').decode(data);
  }
}

function split(line, delimiter) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { cells.push(cell.trim()); cell = ''; } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

/** The header's column names; chosen is the form's delimiter (empty: the one the header line holds most of). */
export async function readHeader(file, chosen, encoding) {
  const text = decode(await firstBytes(file, 64 * 1024), encoding).replace(/^\uFEFF/, '');
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  let delimiter = delimiters[chosen];
  if (!delimiter) {
    const counts = Object.values(delimiters).map(d => [d, line.split(d).length - 1]);
    delimiter = counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
  }
  return split(line, delimiter).filter(name => name.length > 0);
}

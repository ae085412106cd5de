// The gateway's API as the console calls it. The store's API key lives in this tab's sessionStorage only: it is sent
// in the X-Api-Key header, never in a URL, and never written to the console or a log.
const keyName = 'velora.apiKey';

export const session = {
  get key() { return sessionStorage.getItem(keyName); },
  signIn(key) { sessionStorage.setItem(keyName, key); },
  signOut() { sessionStorage.removeItem(keyName); },
};

/** An API answer that was not a success, with a message for people. */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** Turns a failed response (problem details, or none) into words. */
export async function errorOf(response, action) {
  let problem = {};
  try { problem = await response.json(); } catch { /* no body, or not JSON */ }
  const detail = problem.detail || problem.title;
  switch (response.status) {
    case 401: return new ApiError('That API key is not valid. Check it, or ask for a new one, and sign in again.', 401);
    case 404: return new ApiError(detail || `Nothing was found to ${action}.`, 404);
    case 413: return new ApiError(`${detail || 'The file is larger than the gateway accepts.'} Split it into smaller files, or compress it with gzip.`, 413);
    case 429: {
      const wait = response.headers.get('Retry-After');
      return new ApiError(`This store already has as many imports running as it may. Try again${wait ? ` in ${wait} seconds` : ' shortly'}.`, 429);
    }
    case 503: return new ApiError('The gateway cannot take imports just now (the message broker does not answer). Try again in a minute.', 503);
    default:
      if (response.status >= 500) {
        return new ApiError(`The gateway could not ${action} (an error on our side). Try again in a moment.`, response.status);
      }
      return new ApiError(detail || `The gateway refused to ${action}.`, response.status);
  }
}

// Set by the shell: what to do when the gateway no longer knows the key (revoked, or another database).
let unauthorized = () => {};
export function onUnauthorized(handler) { unauthorized = handler; }

function headers(extra) {
  return { 'X-Api-Key': session.key ?? '', ...extra };
}

async function send(path, action, init = {}) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: headers(init.headers), cache: 'no-store' });
  } catch {
    throw new ApiError(`The gateway did not answer, so the console could not ${action}. Check your connection and try again.`, 0);
  }
  if (!response.ok) {
    const error = await errorOf(response, action);
    if (response.status === 401) unauthorized(error);
    throw error;
  }
  return response;
}

export async function getJson(path, action) {
  return (await send(path, action)).json();
}

export async function postJson(path, action, body) {
  return (await send(path, action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
}

/** Downloads a file the API serves behind the key: fetched, then saved from memory (a plain link could not send the key). */
export async function download(path, action, fileName, accept) {
  const response = await send(path, action, accept ? { headers: { Accept: accept } } : {});
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  // The gateway names the file (a tab-delimited import's failures come back as .tsv); fileName is the fallback.
  link.download = savedName(response.headers.get('Content-Disposition')) ?? fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file name a Content-Disposition header gives (filename*=UTF-8''… or filename=…), or null. */
function savedName(disposition) {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (encoded) {
    return decodeURIComponent(encoded[1]);
  }

  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1] : null;
}

/**
 * Sends a file as multipart form data with XMLHttpRequest, the one browser API that reports upload progress.
 * Resolves with the import id; onProgress(sentBytes, totalBytes) runs as the bytes go.
 */
export function upload(query, file, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    signal?.addEventListener('abort', () => request.abort());
    request.onabort = () => reject(new ApiError('The upload was cancelled.', 0));
    request.open('POST', `/v1/imports?${query}`);
    request.setRequestHeader('X-Api-Key', session.key ?? '');
    request.responseType = 'json';
    request.upload.onprogress = e => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    request.onerror = () => reject(new ApiError('The upload was cut off: the gateway did not answer. Check your connection and try again.', 0));
    request.onload = async () => {
      if (request.status === 202 || request.status === 200) {
        resolve(request.response.import_id);
        return;
      }
      const body = request.response ? JSON.stringify(request.response) : '';
      const response = new Response(body || null, {
        status: request.status,
        headers: { 'Retry-After': request.getResponseHeader('Retry-After') ?? '' },
      });
      const error = await errorOf(response, 'take the file');
      if (request.status === 401) unauthorized(error);
      reject(error);
    };
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

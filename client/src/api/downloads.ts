import { ApiError } from './ApiError';
import { failedResponse, parseJson, requestHeaders } from './http';

/**
 * Posts one file (multipart field `file`) to a path that answers a file, and saves the answer
 * under `name`: the error workbook of a refused import is made from the same upload, so the
 * browser sends it again rather than the server keeping it.
 */
export async function postFileForDownload(path: string, file: File, name: string): Promise<void> {
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(`/api${path}`, { method: 'POST', credentials: 'same-origin', headers: requestHeaders('POST'), body: form });
  } catch {
    throw new ApiError(0, 'network', 'download failed');
  }
  if (!response.ok) throw failedResponse(response.status, parseJson(await response.text()));
  saveBlob(await response.blob(), name);
}

/** Hands a blob to the browser as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL can go once the browser has read it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

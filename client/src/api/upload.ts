import { ApiError } from './ApiError';
import { failedResponse, parseJson, requestHeaders } from './http';

/**
 * Posts one file as multipart form data (field `file`). XMLHttpRequest rather than fetch,
 * because only it reports upload progress for the progress bar.
 */
export function uploadFile<T>(path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api${path}`);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(requestHeaders('POST'))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'upload failed'));
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(failedResponse(xhr.status, body));
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

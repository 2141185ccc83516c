import { useCallback } from 'react';
import { ApiError } from '../api';
import { commonText } from './common';
import { useT } from './useT';

/** One sentence for any failure: the server's own message where it wrote one for the user. */
export function useErrorMessage(): (error: unknown) => string {
  const t = useT(commonText);
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) return t('genericError', { message: String(error) });
      if (error.code === 'network') return t('networkError');
      if (error.status === 401) return t('sessionExpired');
      if (error.status === 404) return t('notFound');
      // Without a body of its own (a proxy, an old server) the status is all there is to say.
      const bare = error.code.startsWith('http_');
      if (bare && error.status === 403) return t('forbidden');
      if (bare && error.status === 409) return t('conflict');
      return t('genericError', { message: error.message });
    },
    [t],
  );
}

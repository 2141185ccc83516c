import { ApiError } from '../api';
import { commonText, useErrorMessage, useT } from '../i18n';

/**
 * A failed load: the reason in words and a way to try again (not for what does not exist). Plain
 * HTML, so the pages that show it on a weak connection need no widget library for it.
 */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(commonText);
  const describe = useErrorMessage();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div className={`jz-error-state ${notFound ? 'jz-error-state-info' : 'jz-error-state-warning'}`} role="alert">
      <span>{describe(error)}</span>
      {onRetry && !notFound && (
        <button type="button" className="jz-button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

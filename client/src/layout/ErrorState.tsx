import { Alert, Button } from 'antd';
import { ApiError } from '../api';
import { commonText, useErrorMessage, useT } from '../i18n';

/** A failed load: the reason in words and a way to try again (not for what does not exist). */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(commonText);
  const describe = useErrorMessage();
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <Alert
      className="jz-error-state"
      type={notFound ? 'info' : 'warning'}
      showIcon
      title={describe(error)}
      action={onRetry && !notFound ? <Button onClick={onRetry}>{t('retry')}</Button> : undefined}
    />
  );
}

import { Alert } from 'antd';
import { ApiError } from '../../api';
import { useErrorMessage } from '../../i18n';

/** A failed call as one sentence, with the server's field messages listed under it. */
export function ErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const describe = useErrorMessage();
  if (!error) return null;
  const fields = error instanceof ApiError ? error.fields : undefined;
  return (
    <Alert
      type="error"
      showIcon
      closable={Boolean(onClose)}
      onClose={onClose}
      title={describe(error)}
      description={
        fields && Object.keys(fields).length ? (
          <ul className="jz-admin-field-errors">
            {Object.entries(fields).map(([pointer, messages]) => (
              <li key={pointer}>
                <code>{pointer || '/'}</code> {messages.join('；')}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

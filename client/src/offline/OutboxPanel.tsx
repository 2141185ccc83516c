import { Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useT } from '../i18n';
import { offlineText } from '../i18n/offline';
import { useFeedback } from '../layout/useFeedback';
import { deleteOutboxEntry } from './outboxStore';
import type { OutboxEntry } from './outboxTypes';
import { reopenAsDraft } from './reopenAsDraft';
import type { Outbox } from './useOutbox';
import './offline.css';
import { shortMinute } from '../i18n/dates';

/**
 * What waits on this device to be sent: each submission with its state, and for one the server
 * refused, why (in words a clerk can act on) and the way back to the typed data. A lazy chunk,
 * loaded by OutboxWatcher only when something waits.
 */
export default function OutboxPanel({ outbox }: { outbox: Outbox }) {
  const t = useT(offlineText);
  const { modal } = useFeedback();
  const navigate = useNavigate();
  const { entries, sending, stopped, send } = outbox;

  const refusalText = (entry: OutboxEntry) => {
    const refusal = entry.refusal!;
    if (refusal.status === 409 || refusal.status === 422) return t('refusedConflict');
    if (refusal.status === 400) return t('refusedInvalid', { message: refusal.message });
    return t('refusedOther', { message: refusal.message });
  };
  const waitingText = stopped === 'login' ? t('needsLogin') : stopped === 'server' ? t('serverBusy') : t('waiting');

  const reopen = (entry: OutboxEntry) => {
    const path = reopenAsDraft(entry);
    void deleteOutboxEntry(entry.id).then(() => navigate(path));
  };
  const discard = (entry: OutboxEntry) => {
    modal.confirm({ title: t('discardConfirm'), okButtonProps: { danger: true }, okText: t('discard'), onOk: () => deleteOutboxEntry(entry.id) });
  };

  return (
    <section className="jz-outbox jz-no-print" aria-labelledby="jz-outbox-title" data-testid="outbox">
      <div className="jz-outbox-head">
        <h2 id="jz-outbox-title">{t('title', { count: entries.length })}</h2>
        {entries.some((entry) => !entry.refusal) && (
          <Button size="small" loading={sending} onClick={() => void send()}>
            {sending ? t('sending') : t('sendNow')}
          </Button>
        )}
      </div>
      <p className="jz-outbox-intro">{t('intro')}</p>
      <ul className="jz-outbox-list">
        {entries.map((entry) => (
          <li key={entry.id} className={entry.refusal ? 'jz-outbox-refused' : undefined}>
            <span className="jz-outbox-label">{entry.label}</span>
            <span className="jz-outbox-time">{t('savedAt', { time: shortMinute(entry.createdAt) })}</span>
            {entry.refusal ? (
              <>
                <span className="jz-outbox-state" role="alert">{refusalText(entry)}</span>
                <span className="jz-outbox-actions">
                  <Button size="small" type="primary" onClick={() => reopen(entry)}>{t('openDraft')}</Button>
                  <Button size="small" danger onClick={() => discard(entry)}>{t('discard')}</Button>
                </span>
              </>
            ) : (
              <span className="jz-outbox-state">{sending ? t('sending') : waitingText}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

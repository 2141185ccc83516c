import { Modal } from 'antd';
import { useT } from '../i18n';
import { shortcutText } from '../i18n/shortcuts';
import { INBOX_SHORTCUTS } from './useInboxShortcuts';

/** The list that `?` opens: every key the inbox answers. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT(shortcutText);
  return (
    <Modal open={open} title={t('title')} onCancel={onClose} footer={null}>
      <dl className="jz-shortcuts">
        {INBOX_SHORTCUTS.map((shortcut) => (
          <div key={shortcut.what}>
            <dt>
              {shortcut.keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{t(shortcut.what)}</dd>
          </div>
        ))}
      </dl>
    </Modal>
  );
}

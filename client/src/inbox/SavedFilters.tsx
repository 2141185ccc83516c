import type { SavedFilter } from '@shared/contract';
import { useCallback, useEffect, useState } from 'react';
import { Button, Input, Popover, Space, Tag } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { deleteSavedFilter, listSavedFilters, saveFilter } from '../api';
import { useErrorMessage, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { useFeedback } from '../layout/useFeedback';
import { fromSavedQuery, toSavedQuery, type InboxFilters } from './inboxFilters';

interface SavedFiltersProps {
  filters: InboxFilters;
  onApply: (filters: InboxFilters) => void;
}

/** The caller's saved inbox filters as tags (click to apply, × to delete) and a button to save the current one. */
export function SavedFilters({ filters, onApply }: SavedFiltersProps) {
  const t = useT(inboxText);
  const describe = useErrorMessage();
  const { message } = useFeedback();
  const [items, setItems] = useState<SavedFilter[]>([]);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback((signal?: AbortSignal) => {
    listSavedFilters(signal).then(setItems, () => undefined);
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const save = async () => {
    if (!name.trim()) return;
    setBusy(true);
    try {
      const saved = await saveFilter(name.trim(), toSavedQuery(filters));
      message.success(t('saveFilterOk', { name: saved.name }));
      setNaming(false);
      setName('');
      load();
    } catch (error) {
      message.error(describe(error));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (filter: SavedFilter) => {
    try {
      await deleteSavedFilter(filter.id);
      setItems((before) => before.filter((f) => f.id !== filter.id));
      message.success(t('filterDeleted'));
    } catch (error) {
      message.error(describe(error));
    }
  };

  return (
    <div className="jz-saved-filters" data-testid="saved-filters">
      {items.length > 0 && <span className="jz-muted">{t('savedFilters')}：</span>}
      {items.map((filter) => (
        <Tag
          key={filter.id}
          closable
          closeIcon={<span aria-label={t('deleteFilter', { name: filter.name })}>×</span>}
          onClose={(event) => {
            event.preventDefault();
            void remove(filter);
          }}
        >
          <Button type="link" size="small" className="jz-saved-filter" onClick={() => onApply(fromSavedQuery(filter.query))}>
            {filter.name}
          </Button>
        </Tag>
      ))}
      <Popover
        open={naming}
        onOpenChange={setNaming}
        trigger="click"
        content={(
          <Space.Compact>
            <Input
              autoFocus
              aria-label={t('saveFilterName')}
              placeholder={t('saveFilterName')}
              maxLength={40}
              value={name}
              onChange={(event) => setName(event.target.value)}
              onPressEnter={() => void save()}
            />
            <Button type="primary" loading={busy} disabled={!name.trim()} onClick={() => void save()}>
              {t('saveFilter')}
            </Button>
          </Space.Compact>
        )}
      >
        <Button size="small" icon={<SaveOutlined aria-hidden />}>{t('saveFilter')}</Button>
      </Popover>
    </div>
  );
}

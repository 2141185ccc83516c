import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TaskView } from '../api';
import { useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { PageLoading } from '../layout/PageLoading';
import { TaskRow } from './TaskRow';

interface TaskListProps {
  items: TaskView[];
  hasMore: boolean;
  loading: boolean;
  me: string;
  selected: ReadonlyMap<string, TaskView>;
  busyId: string | null;
  onLoadMore: () => void;
  onSelect: (task: TaskView, selected: boolean) => void;
  onClaim: (task: TaskView) => void;
  onUnclaim: (task: TaskView) => void;
}

/**
 * The inbox rows, virtualised: a town reviewer's roster can hold a thousand tasks, and only
 * the rows on screen are in the DOM. Rows measure themselves, since they wrap on phones.
 */
export function TaskList({ items, hasMore, loading, onLoadMore, selected, busyId, ...actions }: TaskListProps) {
  const t = useT(inboxText);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- a notice, not a fault: no virtualiser value reaches a memoised component or hook here.
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 72,
    overscan: 8,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;

  useEffect(() => {
    if (hasMore && !loading && lastIndex >= items.length - 20) onLoadMore();
  }, [hasMore, loading, lastIndex, items.length, onLoadMore]);

  if (!items.length && !loading) return <p className="jz-empty">{t('empty')}</p>;

  return (
    <div ref={scrollRef} className="jz-task-scroll" data-testid="task-list">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((row) => {
          const task = items[row.index];
          return (
            <div
              key={task.id}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="jz-task-slot"
              style={{ transform: `translateY(${row.start}px)` }}
            >
              <TaskRow task={task} selected={selected.has(task.id)} busy={busyId === task.id} {...actions} />
            </div>
          );
        })}
      </div>
      {loading && <PageLoading inline />}
    </div>
  );
}

import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { claimTask, unclaimTask, type TaskView } from '../api';
import { useErrorMessage, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';
import { shortcutText } from '../i18n/shortcuts';
import { ErrorState } from '../layout/ErrorState';
import { PageTitle } from '../layout/PageTitle';
import { useFeedback } from '../layout/useFeedback';
import { useSession } from '../session/useSession';
import { BatchBar } from './BatchBar';
import { readFilters, toTaskQuery, writeFilters, type InboxFilters } from './inboxFilters';
import { StateChips } from './StateChips';
import { TaskFilters } from './TaskFilters';
import { TaskList } from './TaskList';
import { useInboxShortcuts } from './useInboxShortcuts';
import { useTaskList } from './useTaskList';
import { useBatchMode } from './useBatchMode';
import './inbox.css';

// The key list opens on `?` only: its dialog need not load with the inbox.
const ShortcutHelp = lazy(() => import('./ShortcutHelp').then((m) => ({ default: m.ShortcutHelp })));
// The saved filters (tags, a naming popover) sit among the filters a phone folds away: they load after the list.
const SavedFilters = lazy(() => import('./SavedFilters').then((m) => ({ default: m.SavedFilters })));
// The roster dialog brings the form machinery (rjsf, AJV): it loads when opened, not with the inbox.
const BatchCompleteDialog = lazy(() => import('./BatchCompleteDialog').then((m) => ({ default: m.BatchCompleteDialog })));

/** `/inbox`: the tasks the caller may act on, with claim, filters and roster approval. */
export default function InboxPage() {
  const t = useT(inboxText);
  const describe = useErrorMessage();
  const { message } = useFeedback();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const list = useTaskList(toTaskQuery(filters));
  const [selected, setSelected] = useState<Map<string, TaskView>>(new Map());
  const [busyId, setBusyId] = useState<string | null>(null);
  const [batching, setBatching] = useState(false);
  const ts = useT(shortcutText);
  const listRoot = useRef<HTMLDivElement>(null);
  const [help, setHelp] = useState(false);
  const showHelp = useCallback(() => setHelp(true), []);
  useInboxShortcuts(listRoot, showHelp);

  const changeFilters = (next: Partial<InboxFilters>) => {
    setSelected(new Map());
    setParams(writeFilters({ ...filters, ...next }), { replace: true });
  };

  const select = useCallback((task: TaskView, on: boolean) => {
    setSelected((before) => {
      const next = new Map(before);
      if (on) next.set(task.id, task);
      else next.delete(task.id);
      return next;
    });
  }, []);

  const act = useCallback(
    async (task: TaskView, call: (id: string) => Promise<TaskView>, done: string) => {
      setBusyId(task.id);
      try {
        list.replace(await call(task.id));
        message.success(done);
      } catch (error) {
        message.error(describe(error));
        list.reload();
      } finally {
        setBusyId(null);
      }
    },
    [list, message, describe],
  );
  const claim = useCallback((task: TaskView) => void act(task, claimTask, t('claimed')), [act, t]);
  const unclaim = useCallback((task: TaskView) => void act(task, unclaimTask, t('unclaimed')), [act, t]);

  const selectedTasks = [...selected.values()];
  const first = selectedTasks[0];
  const batchMode = useBatchMode(first);
  const sameStepTasks = first ? list.items.filter((task) => task.definitionKey === first.definitionKey && task.state === first.state) : [];

  const closeBatch = (completedIds: string[]) => {
    setBatching(false);
    if (!completedIds.length) return;
    list.remove(completedIds);
    setSelected(new Map());
  };

  return (
    <section>
      <PageTitle
        extra={
          <button type="button" className="jz-link-button jz-shortcut-hint" onClick={showHelp}>
            {ts('hint')}
          </button>
        }
      >
        {t('title')}
      </PageTitle>
      <TaskFilters filters={filters} items={list.items} total={list.total} onChange={changeFilters} onReload={list.reload}>
        <Suspense fallback={null}>
          <SavedFilters filters={filters} onApply={(next) => changeFilters(next)} />
        </Suspense>
      </TaskFilters>
      <StateChips counts={list.counts} items={list.items} definitionKey={filters.definitionKey} value={filters.state} onChange={(state) => changeFilters({ state })} />
      <BatchBar
        selected={selectedTasks}
        mode={batchMode}
        sameStepCount={sameStepTasks.length}
        onSelectSameStep={() => setSelected(new Map(sameStepTasks.map((task) => [task.id, task])))}
        onClear={() => setSelected(new Map())}
        onBatch={() => setBatching(true)}
      />
      {list.error !== null && !list.items.length ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <div ref={listRoot}>
        <TaskList
          items={list.items}
          hasMore={list.items.length < list.total}
          loading={list.loading}
          me={user?.username ?? ''}
          selected={selected}
          busyId={busyId}
          onLoadMore={list.loadMore}
          onSelect={select}
          onClaim={claim}
          onUnclaim={unclaim}
        />
        </div>
      )}
      {help && (
        <Suspense fallback={null}>
          <ShortcutHelp open onClose={() => setHelp(false)} />
        </Suspense>
      )}
      {batching && (batchMode.kind === 'comment' || batchMode.kind === 'shared') && (
        <Suspense fallback={null}>
          <BatchCompleteDialog tasks={selectedTasks} form={batchMode.kind === 'shared' ? batchMode.form : undefined} onClose={closeBatch} />
        </Suspense>
      )}
    </section>
  );
}

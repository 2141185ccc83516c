import { useCallback, useEffect, useRef, useState } from 'react';
import { listTasks, type TaskQuery, type TaskView } from '../api';

const PAGE_SIZE = 100;

export interface TaskList {
  items: TaskView[];
  total: number;
  counts: Record<string, number>;
  loading: boolean;
  error: unknown;
  /** Fetches the next page; a no-op while one is on its way or when all are here. */
  loadMore: () => void;
  reload: () => void;
  /** Puts a task the server just answered with in place of the old one (after claim, unclaim). */
  replace: (task: TaskView) => void;
  /** Drops tasks that are no longer the caller's to do (after a batch). */
  remove: (ids: string[]) => void;
}

/**
 * What the list shows. `request` is the query (and reload count) whose first page came last, so a
 * request whose first page is on its way shows as loading, derived while rendering; `moreFor` is the
 * request a next page is being fetched for.
 */
interface ListState {
  request: string | null;
  items: TaskView[];
  total: number;
  counts: Record<string, number>;
  error: unknown;
  moreFor: string | null;
}

const EMPTY: ListState = { request: null, items: [], total: 0, counts: {}, error: null, moreFor: null };

/** The inbox's tasks for one query, fetched a page at a time as the list scrolls. */
export function useTaskList(query: TaskQuery): TaskList {
  const [state, setState] = useState<ListState>(EMPTY);
  const [generation, setGeneration] = useState(0);
  const pageRef = useRef(0);
  const busyRef = useRef(false);
  const controllerRef = useRef<AbortController | null>(null);
  const key = JSON.stringify(query);
  const request = JSON.stringify([key, generation]);

  /** Asks for one page of `request`, cancelling the one on its way; sets state only when it settles. */
  const fetchPage = useCallback((page: number, forRequest: string) => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    busyRef.current = true;
    const [queryKey] = JSON.parse(forRequest) as [string, number];
    listTasks({ ...(JSON.parse(queryKey) as TaskQuery), page, pageSize: PAGE_SIZE }, controller.signal)
      .then((answer) => {
        pageRef.current = page;
        setState((before) => ({
          request: forRequest,
          items: page === 1 ? answer.items : [...before.items, ...answer.items],
          total: answer.total,
          counts: answer.counts ?? {},
          error: null,
          moreFor: null,
        }));
      })
      .catch((cause: unknown) => {
        // A failed first page still ends the loading of its request; the earlier items stay on screen.
        if (!controller.signal.aborted) setState((before) => ({ ...before, request: page === 1 ? forRequest : before.request, error: cause, moreFor: null }));
      })
      .finally(() => {
        if (controllerRef.current === controller) busyRef.current = false;
      });
  }, []);

  useEffect(() => {
    fetchPage(1, request);
    return () => controllerRef.current?.abort();
  }, [fetchPage, request]);

  const total = state.total;
  const loadMore = useCallback(() => {
    if (busyRef.current || pageRef.current * PAGE_SIZE >= total) return;
    setState((before) => ({ ...before, moreFor: request }));
    fetchPage(pageRef.current + 1, request);
  }, [fetchPage, total, request]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const replace = useCallback((task: TaskView) => setState((before) => ({ ...before, items: before.items.map((item) => (item.id === task.id ? task : item)) })), []);
  const remove = useCallback((ids: string[]) => {
    const gone = new Set(ids);
    setState((before) => ({ ...before, items: before.items.filter((item) => !gone.has(item.id)), total: before.total - ids.length }));
  }, []);

  const loading = state.request !== request || state.moreFor === request;
  return { items: state.items, total: state.total, counts: state.counts, loading, error: state.error, loadMore, reload, replace, remove };
}

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

/** The inbox's tasks for one query, fetched a page at a time as the list scrolls. */
export function useTaskList(query: TaskQuery): TaskList {
  const [items, setItems] = useState<TaskView[]>([]);
  const [total, setTotal] = useState(0);
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const pageRef = useRef(0);
  const busyRef = useRef(false);
  const controllerRef = useRef<AbortController | null>(null);
  const key = JSON.stringify(query);

  const fetchPage = useCallback(
    (page: number) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      busyRef.current = true;
      setLoading(true);
      listTasks({ ...(JSON.parse(key) as TaskQuery), page, pageSize: PAGE_SIZE }, controller.signal)
        .then((answer) => {
          pageRef.current = page;
          setItems((before) => (page === 1 ? answer.items : [...before, ...answer.items]));
          setTotal(answer.total);
          setCounts(answer.counts ?? {});
          setError(null);
        })
        .catch((cause: unknown) => {
          if (!controller.signal.aborted) setError(cause);
        })
        .finally(() => {
          if (controllerRef.current === controller) {
            busyRef.current = false;
            setLoading(false);
          }
        });
    },
    [key],
  );

  useEffect(() => {
    fetchPage(1);
    return () => controllerRef.current?.abort();
  }, [fetchPage, generation]);

  const loadMore = useCallback(() => {
    if (!busyRef.current && pageRef.current * PAGE_SIZE < total) fetchPage(pageRef.current + 1);
  }, [fetchPage, total]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const replace = useCallback((task: TaskView) => setItems((before) => before.map((item) => (item.id === task.id ? task : item))), []);
  const remove = useCallback((ids: string[]) => {
    const gone = new Set(ids);
    setItems((before) => before.filter((item) => !gone.has(item.id)));
    setTotal((before) => before - ids.length);
  }, []);

  return { items, total, counts, loading, error, loadMore, reload, replace, remove };
}

import { useCallback, useState } from 'react';

interface StoredDraft<T> {
  savedAt: string;
  value: T;
}

export interface LocalDraft<T> {
  /** The draft found when the page opened, if any: offered back to the user. */
  found: StoredDraft<T> | null;
  save: (value: T) => void;
  clear: () => void;
}

function read<T>(key: string): StoredDraft<T> | null {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as StoredDraft<T>) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps what a user types in localStorage on every change, so a closed tab, a dead battery or a
 * lost session never loses a half-filled form. Saving is synchronous: the data is small and a
 * debounced save could miss the last keystroke before the tab closes.
 */
export function useLocalDraft<T>(key: string): LocalDraft<T> {
  const [found] = useState(() => read<T>(key));
  const save = useCallback(
    (value: T) => {
      try {
        localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), value }));
      } catch {
        // A full or disabled storage must not stop the form; the data is still in memory.
      }
    },
    [key],
  );
  const clear = useCallback(() => localStorage.removeItem(key), [key]);
  return { found, save, clear };
}

import { useCallback, useEffect, useState } from 'react';
import { recordEdit, redoEdit, startHistory, undoEdit, type EditHistory } from './editHistory';

/** True when the key goes to a text box, whose own undo (the typed characters) comes first. */
function typingInText(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type));
}

/**
 * The edited value with undo and redo: buttons call `undo` / `redo`, and Ctrl+Z / Ctrl+Shift+Z
 * (⌘ on a Mac, Ctrl+Y too) work anywhere on the page but inside a text box.
 */
export function useEditHistory<T>(initial: T) {
  const [history, setHistory] = useState<EditHistory<T>>(() => startHistory(initial));
  const change = useCallback((next: T | ((current: T) => T), mergeKey?: string) => {
    setHistory((h) => recordEdit(h, typeof next === 'function' ? (next as (current: T) => T)(h.present) : next, mergeKey));
  }, []);
  const undo = useCallback(() => setHistory(undoEdit), []);
  const redo = useCallback(() => setHistory(redoEdit), []);
  const reset = useCallback((value: T) => setHistory(startHistory(value)), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || typingInText(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  return { value: history.present, change, undo, redo, reset, canUndo: history.past.length > 0, canRedo: history.future.length > 0 };
}

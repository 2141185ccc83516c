import { useCallback, useMemo, useRef } from 'react';

/**
 * Tells the user's edits apart from rjsf's own `onChange` calls (defaults filled in on mount), so
 * a draft is only saved, and later offered back, when a person actually typed or picked something.
 * Spread `handlers` on an element around the form.
 */
export function useTouched() {
  const touched = useRef(false);
  const handlers = useMemo(() => {
    const mark = () => {
      touched.current = true;
    };
    // Input and change events come from people (typing, IME, autofill, dictation), never from rjsf.
    return { onInputCapture: mark, onChangeCapture: mark, onKeyDownCapture: mark, onPointerDownCapture: mark, onPasteCapture: mark, onDropCapture: mark };
  }, []);
  // Reset through the hook that owns the ref: a caller writing to a value a hook returned is what the compiler cannot follow.
  const reset = useCallback(() => {
    touched.current = false;
  }, []);
  return { touched, handlers, reset };
}

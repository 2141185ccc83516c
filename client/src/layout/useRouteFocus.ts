import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

/**
 * Each route's one h1 names the page: it becomes the document's title (what a screen reader
 * announces and a browser tab shows), and after an in-app navigation the focus moves to it, so
 * keyboard and screen-reader users start reading the new page instead of staying on the old link.
 * Pages load lazily and fetch first, so the heading is awaited as it appears (and renamed as its
 * data arrives).
 */
export function useRouteFocus(main: React.RefObject<HTMLElement | null>, siteTitle: string): void {
  const { pathname } = useLocation();
  const first = useRef(true);

  useEffect(() => {
    const root = main.current;
    if (!root) return;
    const focus = !first.current;
    first.current = false;
    let focused = false;
    const apply = () => {
      const heading = root.querySelector('h1');
      if (!heading) return;
      const text = heading.textContent?.trim();
      if (text) document.title = `${text} · ${siteTitle}`;
      if (focus && !focused && !root.contains(document.activeElement === document.body ? null : document.activeElement)) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: false });
        focused = true;
      } else if (focus) focused = true;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [pathname, main, siteTitle]);
}

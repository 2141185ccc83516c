import { useEffect } from 'react';

/** The keys the inbox answers, in the order the help lists them. */
export const INBOX_SHORTCUTS = [
  { keys: ['j'], what: 'next' },
  { keys: ['k'], what: 'previous' },
  { keys: ['Enter'], what: 'open' },
  { keys: ['/'], what: 'search' },
  { keys: ['x'], what: 'select' },
  { keys: ['c'], what: 'claim' },
  { keys: ['?'], what: 'help' },
] as const;

const TYPING = 'input, textarea, select, [contenteditable="true"], [role="combobox"]';

/**
 * Gmail-style keys in the inbox: j / k move between tasks (each row is one tab stop, its title
 * link), Enter opens the focused one (the link's own behaviour), / goes to the filters, x selects
 * for a batch, c claims, ? shows the list. Keys typed into a field are left alone.
 */
export function useInboxShortcuts(list: React.RefObject<HTMLElement | null>, onHelp: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest(TYPING) || document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      const root = list.current;
      if (!root) return;
      const titles = [...root.querySelectorAll<HTMLAnchorElement>('[data-task-row] .jz-task-title')];
      const current = titles.findIndex((title) => title === document.activeElement || title.closest('[data-task-row]')?.contains(document.activeElement));
      const row = current >= 0 ? titles[current].closest<HTMLElement>('[data-task-row]') : null;
      const move = (step: number) => {
        const next = titles[current < 0 ? 0 : Math.min(titles.length - 1, Math.max(0, current + step))];
        if (!next) return;
        next.focus();
        next.scrollIntoView({ block: 'nearest' });
      };
      switch (event.key) {
        case 'j': move(1); break;
        case 'k': move(-1); break;
        case '/': {
          const field = document.querySelector<HTMLElement>('.jz-inbox-filters input[type="search"], .jz-inbox-filters input[type="text"], .jz-inbox-filters select');
          if (!field) return;
          field.focus();
          break;
        }
        case 'x': row?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click(); break;
        case 'c': row?.querySelector<HTMLButtonElement>('[data-action="claim"]')?.click(); break;
        case '?': onHelp(); break;
        default: return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [list, onHelp]);
}

import { Button } from 'antd';
import type { TaskView } from '../api';
import { useLocalize, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';

interface StateChipsProps {
  counts: Record<string, number>;
  items: TaskView[];
  value: string;
  onChange: (state: string) => void;
}

/** Counts per step as toggles: a reviewer sees at a glance that 37 households wait for town review. */
export function StateChips({ counts, items, value, onChange }: StateChipsProps) {
  const t = useT(inboxText);
  const localize = useLocalize();
  const titles = new Map(items.map((task) => [task.state, localize(task.title)]));
  const states = Object.entries(counts).filter(([, n]) => n > 0);
  if (!states.length) return null;
  const chip = (state: string, label: string) => (
    <Button
      key={state || 'all'}
      size="small"
      shape="round"
      type={value === state ? 'primary' : 'default'}
      aria-pressed={value === state}
      onClick={() => onChange(value === state ? '' : state)}
    >
      {label}
    </Button>
  );
  return (
    <div className="jz-state-chips">
      {chip('', t('allStates'))}
      {states.map(([state, n]) => chip(state, `${titles.get(state) ?? state} · ${n}`))}
    </div>
  );
}

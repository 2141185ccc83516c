import { Button } from 'antd';
import type { TaskView } from '../api';
import { useDefinitions } from '../api/useDefinitions';
import { useLocalize, useT } from '../i18n';
import { inboxText } from '../i18n/inbox';

interface StateChipsProps {
  counts: Record<string, number>;
  items: TaskView[];
  /** The process the inbox is filtered to, if any: its step titles come first. */
  definitionKey: string;
  value: string;
  onChange: (state: string) => void;
}

/**
 * Counts per step as toggles: a reviewer sees at a glance that 37 households wait for town review.
 * A step is named by a task at hand, else by the process definitions (a step with no task on this
 * page), else by its state id.
 */
export function StateChips({ counts, items, definitionKey, value, onChange }: StateChipsProps) {
  const t = useT(inboxText);
  const localize = useLocalize();
  const processes = useDefinitions();
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
      {states.map(([state, n]) => chip(state, `${titles.get(state) ?? processes.stepTitle(state, definitionKey || undefined) ?? state} · ${n}`))}
    </div>
  );
}

import type { FormSpec } from '@shared/contract';
import { fieldsOfSchema, findState, listStates, type DocumentJson, type FormField } from '../model';
import type { FieldGroup } from './ConditionBuilder';

type Localize = (text: { zh?: string; en?: string } | string | undefined) => string;

/**
 * What a guard on a transition of `source` can read: the data submitted with the event
 * (`event.data.*`, the source's own form), every task's recorded data (`data.<state>.*`, the step
 * key being the state's own name) and the definition's settings.
 */
export function fieldGroupsFor(doc: DocumentJson, source: string, forms: Map<string, FormSpec>, localize: Localize, labels: { event: string; settings: string }): FieldGroup[] {
  const groups: FieldGroup[] = [];
  const fieldsOf = (formKey: string | undefined): FormField[] => {
    const form = formKey ? forms.get(formKey) : undefined;
    return form ? fieldsOfSchema(form.schema) : [];
  };
  const sourceTask = findState(doc, source)?.meta?.task;
  if (sourceTask?.form) groups.push({ label: labels.event, prefix: 'event.data.', fields: fieldsOf(sourceTask.form) });
  for (const state of listStates(doc)) {
    const task = findState(doc, state.id)?.meta?.task;
    if (!task?.form) continue;
    groups.push({ label: `${localize(task.title)} · data.${state.name}`, prefix: `data.${state.name}.`, fields: fieldsOf(task.form) });
  }
  const settings = Object.entries(doc.settings ?? {});
  if (settings.length) {
    groups.push({
      label: labels.settings,
      prefix: 'settings.',
      fields: settings.map(([name, value]) => ({
        path: name,
        title: { zh: name, en: name },
        kind: typeof value === 'boolean' ? 'boolean' : typeof value === 'number' ? 'number' : 'string',
      })),
    });
  }
  return groups.filter((g) => g.fields.length > 0);
}

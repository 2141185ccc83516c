/** The forms an editor can pin: per key the newest published version and the draft, with schemas. */
export interface FormIndex {
  published: Map<string, { version: number; schema: Record<string, unknown> }>;
  drafts: Map<string, { version: number; schema: Record<string, unknown> }>;
}

/** The part of a definition document that names forms: nested states' task forms and the start form. */
interface FormNamingState {
  states?: Record<string, FormNamingState>;
  meta?: { task?: { form?: unknown } };
}

/** Form keys a definition uses: its tasks' forms and its start form. */
export function formsUsedBy(doc: unknown): string[] {
  const keys = new Set<string>();
  const walk = (state: FormNamingState | undefined) => {
    const form = state?.meta?.task?.form;
    if (typeof form === 'string') keys.add(form);
    for (const child of Object.values(state?.states ?? {})) walk(child);
  };
  const document = (doc ?? {}) as { machine?: FormNamingState; startForm?: unknown };
  walk(document.machine);
  if (typeof document.startForm === 'string') keys.add(document.startForm);
  return [...keys].sort();
}

/**
 * The form versions a draft pins: for each form it uses, the form's draft when one exists, else
 * its newest published version; the shared `common.*` forms (objections on notices) beside them,
 * also at their draft when they have one.
 */
export function pinForms(doc: unknown, index: FormIndex): Record<string, number> {
  const pins: Record<string, number> = {};
  for (const key of formsUsedBy(doc)) {
    const version = index.drafts.get(key)?.version ?? index.published.get(key)?.version;
    if (version !== undefined) pins[key] = version;
  }
  // A draft of a shared form (one a shared block change wrote, say) is published with the next definition.
  for (const [key, form] of index.published) if (key.startsWith('common.') && !(key in pins)) pins[key] = index.drafts.get(key)?.version ?? form.version;
  return Object.fromEntries(Object.entries(pins).sort(([a], [b]) => (a < b ? -1 : 1)));
}

import type { FormSpec } from '@shared/contract';
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { getEditableForm, getFormVersion } from '../../api/adminForms';
import { listStates, requireState, type DocumentJson } from '../model';

export interface FormCatalog {
  forms: Map<string, FormSpec>;
  failed: Map<string, unknown>;
}

/** Form keys the document's tasks name. */
export function formKeysOf(doc: DocumentJson): string[] {
  const keys = listStates(doc).map((s) => requireState(doc, s.id).meta?.task?.form).filter((k): k is string => Boolean(k));
  return [...new Set(keys)].sort();
}

/**
 * The forms a definition's tasks use: for a draft the form drafts where they exist (what the
 * draft will pin when saved), for a published version the versions it pinned.
 */
export function useFormCatalog(doc: DocumentJson | undefined, pinned: Record<string, number> | null | undefined, draft: boolean): FormCatalog {
  const keys = useMemo(() => (doc ? formKeysOf(doc) : []), [doc]);
  const wanted = keys.join('|');
  const [catalog, setCatalog] = useState<FormCatalog>({ forms: new Map(), failed: new Map() });

  // Only keys not yet loaded are fetched: the catalog is read when the wanted keys change, it is not a trigger.
  const missingKeys = useEffectEvent(() => keys.filter((key) => !catalog.forms.has(key) && !catalog.failed.has(key)));

  useEffect(() => {
    const controller = new AbortController();
    const missing = missingKeys();
    if (missing.length === 0) return;
    // Every fetch settles to a value (its error included), so the whole never rejects.
    void Promise.all(
      missing.map((key) =>
        (draft || !pinned?.[key] ? getEditableForm(key, controller.signal) : getFormVersion(key, { version: pinned[key] }, controller.signal)).then(
          (form) => ({ key, form, error: null as unknown }),
          (error: unknown) => ({ key, form: null, error }),
        ),
      ),
    ).then((results) => {
      if (controller.signal.aborted) return;
      setCatalog((current) => {
        const forms = new Map(current.forms);
        const failed = new Map(current.failed);
        for (const result of results) {
          if (result.form) forms.set(result.key, result.form);
          else failed.set(result.key, result.error);
        }
        return { forms, failed };
      });
    });
    return () => controller.abort();
  }, [wanted, draft, pinned]);
  return catalog;
}

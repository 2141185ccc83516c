import type { FormSpec } from '@shared/contract';
import { useEffect, useState } from 'react';
import { getForm, type TaskView } from '../api';
import { useLocale } from '../i18n';
import { forwardOutcome } from './forwardOutcome';

/**
 * How a roster of one step can be completed at once:
 * - `comment`: the step's form needs no input, so a comment is all;
 * - `shared`: the definition lets one form, filled once, go with every task (a town's review);
 * - `none`: every case needs its own form, so batch is not offered (it could only fail);
 * - `loading` while the form is fetched.
 */
export type BatchMode = { kind: 'loading' } | { kind: 'none' } | { kind: 'comment' } | { kind: 'shared'; form: FormSpec };

/** The batch mode of the step of `task` (undefined: nothing selected). */
export function useBatchMode(task: TaskView | undefined): BatchMode {
  const { locale } = useLocale();
  const [answer, setAnswer] = useState<{ key: string; mode: BatchMode } | null>(null);
  const outcome = task ? forwardOutcome(task) : undefined;
  const key = task && outcome ? `${task.formKey}|${outcome.event}|${outcome.batch ?? ''}` : '';

  useEffect(() => {
    if (!task || !outcome) return;
    const controller = new AbortController();
    // The validator (AJV and rjsf) loads only once someone selects tasks: the inbox itself does without it.
    Promise.all([getForm(task.formKey, controller.signal), import('../forms/validatorFor')]).then(
      ([form, { validatorFor }]) => {
        let mode: BatchMode;
        if (outcome.batch === 'shared') mode = { kind: 'shared', form };
        else {
          const { errors } = validatorFor(locale).validateFormData({}, form.schema);
          mode = errors.length === 0 ? { kind: 'comment' } : { kind: 'none' };
        }
        setAnswer({ key, mode });
      },
      () => {
        if (!controller.signal.aborted) setAnswer({ key, mode: { kind: 'none' } });
      },
    );
    return () => controller.abort();
    // The key names everything the answer depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, locale]);

  if (!task || !outcome) return { kind: 'none' };
  return answer?.key === key ? answer.mode : { kind: 'loading' };
}

import { useMemo } from 'react';
import { Alert, Typography } from 'antd';
import type { RJSFSchema } from '@rjsf/utils';
import { localizeFormSchema } from '@shared/forms';
import { validatorFor } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';
import type { FormParts } from '../model';
import { JsonPartEditor } from './JsonPartEditor';

type Json = Record<string, unknown>;

/** The form's first example (`schema.examples[0]`) as data: edited as JSON, checked against the form as it is now. */
export function ExampleEditor({ parts, onChange }: { parts: FormParts; onChange: (example: Json) => void }) {
  const t = useT(builderText);
  const { locale } = useLocale();
  const examples = Array.isArray(parts.schema.examples) ? (parts.schema.examples as unknown[]) : [];
  const first = examples[0];
  // One object per example, so the check below and the JSON text change only when the example does.
  const example = useMemo(() => (first && typeof first === 'object' ? first : {}) as Json, [first]);
  const problems = useMemo(() => {
    try {
      const schema = localizeFormSchema(parts.schema, locale) as RJSFSchema;
      return validatorFor(locale).validateFormData(example, schema).errors.map((e) => `${e.property ?? ''} ${e.message ?? ''}`.trim());
    } catch (cause) {
      return [String((cause as Error).message)];
    }
  }, [parts.schema, example, locale]);
  return (
    <div data-testid="example-editor">
      <Typography.Paragraph type="secondary">{examples.length ? t('exampleHint') : t('noExample')}</Typography.Paragraph>
      {examples.length > 0 &&
        (problems.length ? (
          <Alert type="warning" showIcon title={t('exampleInvalid', { n: problems.length })} description={<ul className="jz-admin-list">{problems.slice(0, 8).map((p, i) => <li key={i}>{p}</li>)}</ul>} />
        ) : (
          <Alert type="success" showIcon title={t('exampleValid')} />
        ))}
      <JsonPartEditor label={t('exampleLabel')} value={example} onChange={onChange} />
    </div>
  );
}

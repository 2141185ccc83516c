import { useEffect, useRef, useState } from 'react';
import { Alert, Input } from 'antd';
import { useT } from '../../i18n';
import { formBuilderText } from '../../i18n/admin';
import { builderText } from '../../i18n/formBuilder';

type Json = Record<string, unknown>;

/**
 * A JSON object as text, applied while it parses, so the fields, the preview and this text stay
 * one document; a parse error is shown with where it is, the text kept as typed and the form left
 * at its last valid content. A change made elsewhere (a field edited, undo) replaces the text.
 */
export function JsonPartEditor({ value, onChange, label }: { value: Json; onChange: (value: Json) => void; label: string }) {
  const t = useT(formBuilderText);
  const tb = useT(builderText);
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState<string | null>(null);
  const mine = useRef<Json | null>(null);
  useEffect(() => {
    if (mine.current === value) return;
    setText(JSON.stringify(value, null, 2));
    setError(null);
  }, [value]);
  return (
    <>
      {error && <Alert type="error" showIcon title={error} description={tb('jsonKept')} data-testid="json-error" />}
      <Input.TextArea
        className="jz-admin-code"
        aria-label={label}
        autoSize={{ minRows: 16, maxRows: 36 }}
        spellCheck={false}
        value={text}
        status={error ? 'error' : undefined}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed: unknown = JSON.parse(event.target.value);
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(t('notAnObject'));
            setError(null);
            mine.current = parsed as Json;
            onChange(parsed as Json);
          } catch (cause) {
            setError(t('jsonParseError', { message: (cause as Error).message }));
          }
        }}
      />
    </>
  );
}

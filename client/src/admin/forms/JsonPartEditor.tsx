import { useEffect, useRef, useState } from 'react';
import { Alert, Input } from 'antd';
import { useT } from '../../i18n';
import { formBuilderText } from '../../i18n/admin';

type Json = Record<string, unknown>;

/** A JSON object as text, applied while it parses; a parse error is shown and the text kept. */
export function JsonPartEditor({ value, onChange }: { value: Json; onChange: (value: Json) => void }) {
  const t = useT(formBuilderText);
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
      {error && <Alert type="error" showIcon title={error} />}
      <Input.TextArea
        className="jz-admin-code"
        autoSize={{ minRows: 16, maxRows: 36 }}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed = JSON.parse(event.target.value);
            if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(t('notAnObject'));
            setError(null);
            mine.current = parsed;
            onChange(parsed);
          } catch (cause) {
            setError(t('jsonParseError', { message: (cause as Error).message }));
          }
        }}
      />
    </>
  );
}

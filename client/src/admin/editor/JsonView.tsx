import { useEffect, useRef, useState } from 'react';
import { Alert, Input, Typography } from 'antd';
import { useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import type { DocumentJson } from '../model';

/**
 * The whole document as JSON text, in step with the graph both ways: edits here apply as soon as
 * they parse into a definition; while they do not, the text (and what was typed) stays, with the error.
 */
export function JsonView({ doc, readOnly, onChange }: { doc: DocumentJson; readOnly: boolean; onChange: (doc: DocumentJson) => void }) {
  const t = useT(editorText);
  const [text, setText] = useState(() => JSON.stringify(doc, null, 2));
  const [error, setError] = useState<string | null>(null);
  const fromText = useRef<DocumentJson | null>(null);

  useEffect(() => {
    if (fromText.current === doc) return;
    setText(JSON.stringify(doc, null, 2));
    setError(null);
  }, [doc]);

  const edit = (next: string) => {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch (cause) {
      setError(t('jsonParseError', { message: (cause as Error).message }));
      return;
    }
    const candidate = parsed as DocumentJson;
    if (!candidate || typeof candidate !== 'object' || typeof candidate.machine !== 'object' || candidate.machine === null || typeof candidate.machine.id !== 'string') {
      setError(t('jsonNotDefinition'));
      return;
    }
    setError(null);
    fromText.current = candidate;
    onChange(candidate);
  };

  return (
    <div className="jz-admin-json">
      <Typography.Text type="secondary">{t('jsonHint')}</Typography.Text>
      {error && <Alert type="error" showIcon title={error} data-testid="json-error" />}
      <Input.TextArea
        className="jz-admin-code"
        value={text}
        readOnly={readOnly}
        onChange={(e) => edit(e.target.value)}
        autoSize={{ minRows: 20, maxRows: 40 }}
        spellCheck={false}
        aria-label={t('json')}
      />
    </div>
  );
}

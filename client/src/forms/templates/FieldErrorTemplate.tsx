import { errorId, type FieldErrorProps } from '@rjsf/utils';

/** A field's messages, one line each, under the id its widget names in `aria-describedby`. */
export function FieldErrorTemplate({ errors = [], fieldPathId }: FieldErrorProps) {
  const shown = errors.filter(Boolean);
  if (!shown.length) return null;
  const id = errorId(fieldPathId);
  return (
    <div id={id} className="jz-field-errors">
      {shown.map((error, index) => (
        <div key={index} className="jz-field-error">
          {error}
        </div>
      ))}
    </div>
  );
}

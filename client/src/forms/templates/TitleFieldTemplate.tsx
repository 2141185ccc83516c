import type { TitleFieldProps } from '@rjsf/utils';

/** The title of an object or a list: the label's look with a thin rule under it, the required mark before it. */
export function TitleFieldTemplate({ id, title, required, optionalDataControl }: TitleFieldProps) {
  return (
    <span className="jz-title-row">
      <span id={id} className={required ? 'jz-title jz-required' : 'jz-title'}>
        {title}
      </span>
      {optionalDataControl}
    </span>
  );
}

import { createElement } from 'react';
import { getTemplate, getUiOptions, type FieldTemplateProps } from '@rjsf/utils';

/**
 * One field: its label above (with the required mark), the widget, the description below it, then
 * the errors and help. Plain elements styled like Ant Design's vertical form items (forms.css), so a
 * form does not need antd's Form and its field engine; the widgets point at the description, error
 * and help ids with `aria-describedby` and mark themselves `aria-invalid`.
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { children, classNames, style, description, displayLabel, errors, help, rawHelp, hidden, id, label, rawErrors, rawDescription, registry, required, uiSchema } = props;
  const uiOptions = getUiOptions(uiSchema);
  if (hidden) return <div className="rjsf-field-hidden">{children}</div>;
  const withLabel = displayLabel && uiOptions.widget !== 'checkbox' && Boolean(label);
  const failed = Boolean(rawErrors?.length);
  // Templates come from the registry (rjsf's way of theming), picked, not created, per render.
  return createElement(
    getTemplate('WrapIfAdditionalTemplate', registry, uiOptions),
    props,
    <div className={['jz-field', failed && 'jz-field-has-error', classNames].filter(Boolean).join(' ')} style={style}>
        {withLabel && (
          <label className={required ? 'jz-field-label jz-required' : 'jz-field-label'} htmlFor={id}>
            {label}
          </label>
        )}
        {children}
        {rawDescription ? <div className="jz-field-extra">{description}</div> : null}
        {failed && errors}
        {rawHelp ? help : null}
    </div>,
  );
}

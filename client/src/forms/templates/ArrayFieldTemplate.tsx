import { createElement } from 'react';
import { buttonId, getTemplate, getUiOptions, type ArrayFieldItemTemplateProps, type ArrayFieldTemplateProps } from '@rjsf/utils';

/** A list (the household's members): its title, each item as a card, the add button under them. */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { canAdd, className, disabled, fieldPathId, items, optionalDataControl, onAddClick, readonly, registry, required, schema, title, uiSchema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const { AddButton } = registry.templates.ButtonTemplates;
  const editable = !readonly && !disabled;
  const shownTitle = uiOptions.title || title;
  return (
    <fieldset className={['jz-array', className].filter(Boolean).join(' ')} id={fieldPathId.$id}>
      {shownTitle && (
        <legend className="jz-legend">
          {createElement(getTemplate('ArrayFieldTitleTemplate', registry, uiOptions), { fieldPathId, required, title: shownTitle, schema, uiSchema, registry, optionalDataControl: editable ? optionalDataControl : undefined })}
        </legend>
      )}
      <div className="array-item-list">
        {!editable && optionalDataControl}
        {items}
      </div>
      {canAdd && (
        <div className="jz-array-add">
          <AddButton id={buttonId(fieldPathId, 'add')} className="rjsf-array-item-add" disabled={disabled || readonly} onClick={onAddClick} uiSchema={uiSchema} registry={registry} />
        </div>
      )}
    </fieldset>
  );
}

/** One item of a list as a card, its move and remove buttons at the top right (under the item on a phone). */
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, buttonsProps, hasToolbar, registry, uiSchema } = props;
  return (
    <div className="jz-array-item">
      <div className="jz-array-item-body">{children}</div>
      {hasToolbar && (
        <div className="jz-array-item-toolbar">
          {createElement(getTemplate('ArrayFieldItemButtonsTemplate', registry, getUiOptions(uiSchema)), buttonsProps)}
        </div>
      )}
    </div>
  );
}

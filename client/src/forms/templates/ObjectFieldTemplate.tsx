import { createElement } from 'react';
import { canExpand, getTemplate, getUiOptions, titleId, buttonId, type ObjectFieldTemplateProps } from '@rjsf/utils';

/**
 * An object's fields one under the other, with the object's title as the group's legend (the root
 * object's title is left out: it repeats the page's own heading).
 */
export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { disabled, formData, fieldPathId, onAddProperty, optionalDataControl, properties, readonly, required, registry, schema, title, uiSchema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const { AddButton } = registry.templates.ButtonTemplates;
  const editable = !readonly && !disabled;
  const isRoot = fieldPathId.path.length === 0;
  return (
    <fieldset id={fieldPathId.$id} className="jz-object">
      {title && !isRoot && (
        <legend className="jz-legend">
          {createElement(getTemplate('TitleFieldTemplate', registry, uiOptions), { id: titleId(fieldPathId), title, required, schema, uiSchema, registry, optionalDataControl: editable ? optionalDataControl : undefined })}
        </legend>
      )}
      {!editable && optionalDataControl}
      {properties.filter((element) => !element.hidden).map((element) => (
        <div key={element.name} className="jz-object-property">
          {element.content}
        </div>
      ))}
      {canExpand(schema, uiSchema, formData) && (
        <div className="jz-object-add">
          <AddButton id={buttonId(fieldPathId, 'add')} className="rjsf-object-property-expand" disabled={disabled || readonly} onClick={onAddProperty} uiSchema={uiSchema} registry={registry} />
        </div>
      )}
    </fieldset>
  );
}

import { AttachmentStrip } from '../attachments/AttachmentCard';
import { commonText, useLocale, useT } from '../i18n';
import { fieldsOf, formatValue, labelOf } from './dataViewModel';
import { isFileRef } from './markAttachmentFields';
import { isNode, resolveSchema, type Node } from './resolveSchema';
import './forms.css';

interface DataViewProps {
  schema: Node;
  uiSchema?: Node;
  data: Node;
}

/**
 * What a step submitted, as label–value lines in its form's order and wording: a reviewer reads
 * a household's application at a glance instead of scrolling through greyed-out inputs.
 */
export function DataView({ schema, uiSchema = {}, data }: DataViewProps) {
  const { locale } = useLocale();
  const t = useT(commonText);
  const words = { yes: t('yes'), no: t('no') };

  const renderObject = (node: Node, ui: Node, value: Node, root: Node) => (
    <dl className="jz-data">
      {fieldsOf(node, ui, value, root, locale).map((field) => {
        const itemSchema = isNode(field.schema.items) ? resolveSchema(field.schema.items, root) : null;
        if (isNode(field.value)) {
          return (
            <div key={field.key} className="jz-data-section">
              <dt>{field.label}</dt>
              <dd>{renderObject(field.schema, field.ui, field.value, root)}</dd>
            </div>
          );
        }
        if (Array.isArray(field.value) && itemSchema && field.value.some(isNode)) {
          const itemUi = isNode(field.ui.items) ? field.ui.items : {};
          return (
            <div key={field.key} className="jz-data-section">
              <dt>{field.label}</dt>
              <dd>
                {field.value.map((item, index) => (
                  <div key={index} className="jz-data-item">
                    <div className="jz-data-item-title">
                      {labelOf(itemSchema, locale, '')} {index + 1}
                    </div>
                    {isNode(item) && renderObject(itemSchema, itemUi, item, root)}
                  </div>
                ))}
              </dd>
            </div>
          );
        }
        // Evidence of earlier steps shows as thumbnails with their EXIF time and place, not as ids.
        if (isFileRef(field.schema, root) || (itemSchema && isFileRef(itemSchema, root))) {
          const ids = (Array.isArray(field.value) ? field.value : [field.value]).filter((v): v is string => typeof v === 'string');
          return (
            <div key={field.key} className="jz-data-row">
              <dt>{field.label}</dt>
              <dd><AttachmentStrip ids={ids} /></dd>
            </div>
          );
        }
        return (
          <div key={field.key} className="jz-data-row">
            <dt>{field.label}</dt>
            <dd>{formatValue(field.value, field.schema, locale, words, root)}</dd>
          </div>
        );
      })}
    </dl>
  );

  return renderObject(schema, uiSchema, data, schema);
}

import { AttachmentStrip } from '../attachments/AttachmentCard';
import { commonText, useLocale, useT } from '../i18n';
import { fieldsOf, formatValue, labelOf, type FieldView } from './dataViewModel';
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
 * a household's application at a glance instead of scrolling through greyed-out inputs. Each item
 * of a list (a household's members) is one compact block: its first value in its title
 * (家庭成员 1 · 张志明) and its other values as label–value pairs that flow on a few lines.
 */
export function DataView({ schema, uiSchema = {}, data }: DataViewProps) {
  const { locale } = useLocale();
  const t = useT(commonText);
  const words = { yes: t('yes'), no: t('no') };
  const root = schema;

  const itemSchemaOf = (field: FieldView) => (isNode(field.schema.items) ? resolveSchema(field.schema.items, root) : null);
  const isFiles = (field: FieldView) => {
    const itemSchema = itemSchemaOf(field);
    return isFileRef(field.schema, root) || (itemSchema !== null && isFileRef(itemSchema, root));
  };
  /** A value shown as text in one line: not a nested form, not a list of them, not evidence. */
  const isPlain = (field: FieldView) => !isNode(field.value) && !(Array.isArray(field.value) && field.value.some(isNode)) && !isFiles(field);
  const text = (field: FieldView) => formatValue(field.value, field.schema, locale, words, root);

  const renderItem = (itemSchema: Node, itemUi: Node, item: unknown, index: number) => {
    const fields = isNode(item) ? fieldsOf(itemSchema, itemUi, item, root, locale) : [];
    const named = fields[0] !== undefined && isPlain(fields[0]) ? fields[0] : undefined;
    const rest = named ? fields.slice(1) : fields;
    const pairs = rest.filter(isPlain);
    const blocks = rest.filter((field) => !isPlain(field));
    return (
      <div key={index} className="jz-data-item">
        <div className="jz-data-item-title">
          {labelOf(itemSchema, locale, '')} {index + 1}{named ? ` · ${text(named)}` : ''}
        </div>
        {pairs.length > 0 && (
          <dl className="jz-data-pairs">
            {pairs.map((field) => (
              <div key={field.key} className="jz-data-pair">
                <dt>{field.label}</dt>
                <dd>{text(field)}</dd>
              </div>
            ))}
          </dl>
        )}
        {blocks.length > 0 && <dl className="jz-data">{blocks.map(renderField)}</dl>}
      </div>
    );
  };

  const renderField = (field: FieldView) => {
    const itemSchema = itemSchemaOf(field);
    if (isNode(field.value)) {
      return (
        <div key={field.key} className="jz-data-section">
          <dt>{field.label}</dt>
          <dd>{renderObject(field.schema, field.ui, field.value)}</dd>
        </div>
      );
    }
    if (Array.isArray(field.value) && itemSchema && field.value.some(isNode)) {
      const itemUi = isNode(field.ui.items) ? field.ui.items : {};
      return (
        <div key={field.key} className="jz-data-section">
          <dt>{field.label}</dt>
          <dd>{field.value.map((item, index) => renderItem(itemSchema, itemUi, item, index))}</dd>
        </div>
      );
    }
    // Evidence of earlier steps shows as thumbnails with their EXIF time and place, not as ids.
    if (isFiles(field)) {
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
        <dd>{text(field)}</dd>
      </div>
    );
  };

  const renderObject = (node: Node, ui: Node, value: Node) => <dl className="jz-data">{fieldsOf(node, ui, value, root, locale).map(renderField)}</dl>;

  return renderObject(schema, uiSchema, data);
}

import { isNode, resolveSchema, type Node } from './resolveSchema';

/** True for a schema node holding attachment ids: `format: "file-ref"`. */
export function isFileRef(node: Node, root: Node): boolean {
  return resolveSchema(node, root).format === 'file-ref';
}

/**
 * A list of attachments (照片: `type: array` of `file-ref`) is one uploader, not a list of
 * separate inputs: its uiSchema names the `file-ref` widget, which rjsf then gives the whole list.
 * Single `file-ref` fields get the widget from their format by themselves.
 */
export function markAttachmentFields(schema: Node, uiSchema: Node): Node {
  const result: Node = structuredClone(uiSchema);
  const mark = (schemaNode: Node, ui: Node, depth: number) => {
    if (depth > 8) return;
    const resolved = resolveSchema(schemaNode, schema);
    if (resolved.type === 'array' && isNode(resolved.items) && isFileRef(resolved.items, schema)) {
      ui['ui:widget'] ??= 'file-ref';
      return;
    }
    for (const [key, child] of Object.entries(isNode(resolved.properties) ? resolved.properties : {})) {
      if (isNode(child)) mark(child, (ui[key] ??= {}) as Node, depth + 1);
    }
    if (isNode(resolved.items)) mark(resolved.items, (ui.items ??= {}) as Node, depth + 1);
  };
  mark(schema, result, 0);
  return result;
}

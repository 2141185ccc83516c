import { defineCatalog } from './catalog';

/**
 * Enumerations the API returns as English identifiers, shown to users in their language. Process
 * names are not here: they come from the definitions the server lists (api/useDefinitions.ts).
 */
export const labelText = defineCatalog({
  'zh-CN': {
    'status.open': '待认领',
    'status.claimed': '办理中',
    'status.completed': '已办结',
    'status.cancelled': '已取消',
    'instance.running': '进行中',
    'instance.completed': '已办结',
    'instance.terminated': '已终止',
  },
  en: {
    'status.open': 'Unclaimed',
    'status.claimed': 'In progress',
    'status.completed': 'Done',
    'status.cancelled': 'Cancelled',
    'instance.running': 'Running',
    'instance.completed': 'Completed',
    'instance.terminated': 'Terminated',
  },
});

export type LabelKey = keyof (typeof labelText)['zh-CN'];

/** A label for an identifier the catalog may not know yet: the identifier itself rather than nothing. */
export function labelOr(t: (key: LabelKey) => string, key: string): string {
  return key in labelText['zh-CN'] ? t(key as LabelKey) : key.slice(key.indexOf('.') + 1);
}

import type { RJSFValidationError } from '@rjsf/utils';
import { Alert, Button } from 'antd';
import { useT } from '../i18n';
import { formsText } from '../i18n/forms';

/** One entry of the summary: the field's element id, its label and what to do. */
export interface ErrorSummaryItem {
  id: string;
  label: string;
  message: string;
}

/** The rjsf element id of an error's field: `.household.members.0.name` → `root_household_members_0_name`. */
export function fieldIdOf(error: RJSFValidationError): string {
  const path = (error.property ?? '').replace(/\[(\d+)\]/g, '.$1').replace(/^\.+/, '');
  return path ? `root_${path.split('.').join('_')}` : 'root';
}

/** The nearest element of the field (or of the group it belongs to) that exists in the page. */
function elementOf(id: string): HTMLElement | null {
  for (let candidate = id; candidate; candidate = candidate.includes('_') ? candidate.slice(0, candidate.lastIndexOf('_')) : '') {
    const element = document.getElementById(candidate);
    if (element) return element;
  }
  return null;
}

/** The label people see for a field: its `<label for>` text, else the message alone. */
function labelOf(id: string): string {
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  return label?.textContent?.trim() ?? '';
}

/**
 * Builds the summary from rjsf's errors, in reading order (the page's order, not the schema's), one
 * entry per field. Call it once the form shows the errors (rjsf's `onError`).
 */
export function summarizeErrors(errors: RJSFValidationError[]): ErrorSummaryItem[] {
  const seen = new Set<string>();
  const items: Array<ErrorSummaryItem & { element: HTMLElement | null }> = [];
  for (const error of errors) {
    const id = fieldIdOf(error);
    const message = (error.message ?? '').trim();
    if (seen.has(`${id}|${message}`)) continue;
    seen.add(`${id}|${message}`);
    const element = elementOf(id);
    items.push({ id: element?.id ?? id, label: labelOf(element?.id ?? id), message, element });
  }
  items.sort((a, b) => {
    if (!a.element || !b.element) return a.element ? -1 : b.element ? 1 : 0;
    return a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
  return items.map(({ id, label, message }) => ({ id, label, message }));
}

/** Moves to a field: scrolls it into view and focuses it (or the first input inside it). */
export function focusField(id: string): void {
  const element = elementOf(id);
  if (!element) return;
  const target = element.matches('input, textarea, select, button, [tabindex]') ? element : element.querySelector<HTMLElement>('input, textarea, select, button, [tabindex]');
  // A field in a folded section of a long form: unfold it; the field can take the focus once it is shown.
  element.closest('.ant-collapse-item:not(.ant-collapse-item-active)')?.querySelector<HTMLElement>('.ant-collapse-header')?.click();
  const go = (tries: number) => {
    element.scrollIntoView({ block: 'center' });
    (target ?? element).focus({ preventScroll: true });
    if (document.activeElement !== (target ?? element) && tries > 0) requestAnimationFrame(() => go(tries - 1));
  };
  go(10);
}

/**
 * At the top of a form after a failed submit: every field that needs attention, named and in
 * reading order, each a link that goes to the field.
 */
export function ErrorSummary({ items }: { items: ErrorSummaryItem[] }) {
  const t = useT(formsText);
  if (!items.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="jz-error-summary"
      data-testid="error-summary"
      title={t('errorSummary', { n: items.length })}
      description={(
        <ol className="jz-error-summary-list">
          {items.map((item) => (
            <li key={`${item.id}|${item.message}`}>
              <Button type="link" size="small" className="jz-error-summary-link" onClick={() => focusField(item.id)}>
                {item.label && !item.message.includes(item.label) ? `${item.label}：${item.message}` : item.message}
              </Button>
            </li>
          ))}
        </ol>
      )}
    />
  );
}

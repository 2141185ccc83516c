import type { LocalizedText } from '@shared/contract';
import type { Translate } from '../../i18n/useT';
import type { graphText } from '../../i18n/editorGraph';
import type { GraphTransition } from './graphModel';

type EditorKey = typeof graphText extends { en: Record<infer K, string> } ? K : never;

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?(@workdays)?$/;

/** County settings whose names the editor knows in words; others read as a county setting. */
const KNOWN_SETTINGS = new Set(['noticePeriod', 'planNoticePeriod', 'awardNoticePeriod', 'rectificationPeriod', 'acceptanceRectificationPeriod', 'overdueRectificationAfter']);

/** Events that come from outside a task (the public, another system), in words. */
const OUTSIDE_EVENTS = new Set(['OBJECTION']);

/**
 * An ISO 8601 duration in words (`P7D` → 7 天, `P5D@workdays` → 5 个工作日); the text itself when
 * it does not parse.
 */
export function describeDuration(text: string, t: Translate<EditorKey>): string {
  const m = DURATION.exec(text);
  if (!m || text === 'P') return text;
  const parts: string[] = [];
  const add = (value: string | undefined, key: EditorKey) => {
    if (value && Number(value)) parts.push(t(key, { n: Number(value) }));
  };
  if (m[8]) {
    add(m[4], 'dur.workdays');
    return parts.join(' ') || text;
  }
  add(m[1], 'dur.Y');
  add(m[2], 'dur.M');
  if (m[3]) parts.push(t('dur.D', { n: Number(m[3]) * 7 + Number(m[4] ?? 0) }));
  else add(m[4], 'dur.D');
  add(m[5], 'dur.H');
  add(m[6], 'dur.MIN');
  add(m[7], 'dur.S');
  return parts.join(' ') || text;
}

/**
 * A delay as the admin reads it: a county setting by its name and this year's value (`$noticePeriod`
 * → 公示期 7 天), a plain duration as a wait (`P7D` → 等待 7 天).
 */
export function describeDelay(delay: string, t: Translate<EditorKey>, namedDelays: Record<string, string> = {}): string {
  if (!delay.startsWith('$')) return t('afterDelay', { delay: describeDuration(delay, t) });
  const setting = delay.slice(1);
  const name = KNOWN_SETTINGS.has(setting) ? t(`named.${setting}` as EditorKey) : t('namedOther');
  const value = namedDelays[setting];
  return value ? t('afterNamed', { name, delay: describeDuration(value, t) }) : t('namedUnset', { name });
}

/**
 * What an arrow of the graph says: the outcome's button words, the delay in words, 自动流转 for an
 * eventless step, an outside event in words (OBJECTION → 收到异议), and whether a condition guards it.
 */
export function describeTransition(
  transition: Pick<GraphTransition, 'kind' | 'event' | 'guarded'> & { outcome?: LocalizedText },
  t: Translate<EditorKey>,
  localize: (text: LocalizedText | undefined) => string,
  namedDelays?: Record<string, string>,
): string {
  const text =
    transition.kind === 'after'
      ? describeDelay(transition.event, t, namedDelays)
      : transition.kind === 'always'
        ? t('always')
        : transition.outcome
          ? localize(transition.outcome)
          : OUTSIDE_EVENTS.has(transition.event)
            ? t(`event.${transition.event}` as EditorKey)
            : transition.event;
  return transition.guarded ? `${text} [${t('guardShort')}]` : text;
}

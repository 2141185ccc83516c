import dayjs from 'dayjs';
import { findIdCardProblem, formatMessage, idCardAge, idCardBirthDate, idCardCheckCharacter, idCardSex } from '@shared/forms';
import { useLocale, useT } from '../i18n';
import { formsText } from '../i18n/forms';

export interface IdCardFeedback {
  status: 'success' | 'warning' | 'error' | '';
  text: string;
}

/**
 * Live feedback for an ID number as it is typed: progress while short, the exact problem once it
 * is complete (with the check character it should have), the holder's birth date, sex and age when valid.
 */
export function useIdCardFeedback(value: string): IdCardFeedback {
  const t = useT(formsText);
  const { locale } = useLocale();
  if (!value) return { status: '', text: '' };
  if (value.length < 18 && /^\d*$/.test(value)) return { status: '', text: t('idTyping', { n: value.length }) };
  const problem = findIdCardProblem(value);
  if (problem) {
    const message = formatMessage(`format.id-card.${problem}`, locale) ?? problem;
    const hint = problem === 'checksum' ? ` ${t('idExpected', { check: idCardCheckCharacter(value) })}` : '';
    return { status: 'error', text: message + hint };
  }
  const sex = idCardSex(value) === '男' ? t('male') : t('female');
  const age = idCardAge(value, dayjs().format('YYYY-MM-DD'));
  return { status: 'success', text: t('idValid', { birth: idCardBirthDate(value) ?? '', sex, age: age ?? '' }) };
}

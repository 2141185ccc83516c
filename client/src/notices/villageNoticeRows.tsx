import type { VillageNoticeContent } from '@shared/contract';
import type { ReactNode } from 'react';
import type { Translate } from '../i18n';
import type { noticesText } from '../i18n/notices';

type T = Translate<keyof (typeof noticesText)['zh-CN'] & string>;
const INFRASTRUCTURE = ['road', 'water', 'power', 'clinic', 'broadband'] as const;

/** What a village's exit notice shows, as label and value: the village, its indicators of the year against the exit line, and the decision. */
export function villageNoticeRows(v: VillageNoticeContent, t: T): [string, ReactNode][] {
  const yuan = (n: number) => t('yuan', { n: n.toLocaleString('zh-CN') });
  const i = v.indicators;
  const d = v.decision;
  const decision = [d.decisionNumber, d.decidedOn, d.countyOpinion].filter(Boolean).join('　');
  return [
    [t('village'), `${v.townName ?? ''}${v.name}`],
    [t('exitYear'), v.year ?? '—'],
    [t('perCapitaIncome'), i ? (
      <span data-testid="village-income">
        {yuan(i.perCapitaIncome)}（{t('exitLine', { n: v.exitLine.toLocaleString('zh-CN') })}，{v.meetsLine ? t('lineMet') : t('lineNotMet')}）
      </span>
    ) : '—'],
    ...(i ? [
      [t('collectiveIncome'), yuan(i.collectiveIncome)],
      [t('population'), t('populationValue', { all: i.registeredPopulation, poor: i.poorPopulation })],
      [t('infrastructure'), INFRASTRUCTURE.map((k) => `${t(k)}${i[k] ? '✓' : '✗'}`).join('　')],
    ] as [string, ReactNode][] : []),
    ...(v.summary ? [[t('villageSummary'), v.summary] as [string, ReactNode]] : []),
    ...(d.townOpinion ? [[t('townOpinion'), d.townOpinion] as [string, ReactNode]] : []),
    [t('countyDecision'), decision || '—'],
  ];
}

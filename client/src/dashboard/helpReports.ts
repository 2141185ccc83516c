import { api, toQueryString } from '../api/http';

/** One indicator of `GET /api/reports/help-indicators`: how many of how many, the share, the year's target share, met or not. */
export interface IndicatorFigure {
  count: number;
  of: number;
  share: number | null;
  target: number | null;
  met: boolean | null;
}

export const INDICATOR_KEYS = ['enterpriseLinkage', 'training', 'transfer', 'pension60', 'insurance', 'medicalCostCoverage', 'schoolAllowance'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export type HelpIndicatorSet = { households: number } & Record<IndicatorKey, IndicatorFigure>;

export interface HelpIndicatorReport {
  year: number;
  total: HelpIndicatorSet | null;
  towns: Array<{ orgUnitId: string; name: string; indicators: HelpIndicatorSet }>;
  villages: Array<{ orgUnitId: string; name: string; townName: string; indicators: HelpIndicatorSet }>;
}

/** `GET /api/reports/villages`: designated villages and, by year, those that left against the plan's cumulative target. */
export interface VillageExitReport {
  designated: number;
  years: Array<{ year: number; exited: number; cumulative: number; target: number | null }>;
}

export const getHelpIndicators = (year: number, signal?: AbortSignal) =>
  api.get<HelpIndicatorReport>(`/reports/help-indicators${toQueryString({ year })}`, signal);

export const getVillageExits = (signal?: AbortSignal) => api.get<VillageExitReport>('/reports/villages', signal);

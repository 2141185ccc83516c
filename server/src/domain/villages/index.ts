export { canRecordVillageIndicators, exitShortfalls, findVillageIndicators, meetsDesignationRule, recordVillageIndicators } from './village-register';
export type { VillageIndicators } from './village-register';
export { findVillage, isVillageInScope, listVillages, villageExitsByYear } from './villages.query';
export type { VillageExitProgress, VillageView } from './villages.query';
export { villageNoticeContent } from './village-notice';

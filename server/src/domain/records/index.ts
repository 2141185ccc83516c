import { householdChangeWriter } from '../households/household-change.writer';
import { registryReviewWriter } from '../households/registry-review';
import { assessmentCaseWriter } from './assessment-case.writer';
import { helpRecordWriter } from './help-record.writer';
import { householdStatusWriter } from './household-status.writer';
import { housingRenovationWriter } from './housing-renovation.writer';
import { disbursementWriter, projectWriter } from './project.writer';
import type { RecordWriter } from './record-writer';
import { villageExitWriter } from './village-exit.writer';

export { CORRECTABLE_RECORDS, decideCorrectionRequest, fileCorrectionRequest } from './correction-requests';
export type { CorrectionRequestInput } from './correction-requests';
export { addHelpEntries } from './help-record.writer';
export type { HelpEntry } from './help-record.writer';
export { HOUSEHOLD_STATUS } from './household-status.writer';
export { CASE_STATUS } from './assessment-case.writer';
export { PROJECT_STATUS } from './project.writer';
export { RENOVATION_STATUS } from './housing-renovation.writer';
export type { RecordWriter } from './record-writer';

/**
 * The record writers of the exit, project, assessment and housing workflows, by the name their
 * `writeRecord` actions use. Pass them to `createActionHandlers`.
 * @example createActionHandlers(createRecordWriters())
 */
export function createRecordWriters(): Record<string, RecordWriter> {
  return {
    householdStatus: householdStatusWriter,
    householdChange: householdChangeWriter,
    registryReview: registryReviewWriter,
    helpRecord: helpRecordWriter,
    project: projectWriter,
    disbursement: disbursementWriter,
    assessmentCase: assessmentCaseWriter,
    housingRenovation: housingRenovationWriter,
    villageExit: villageExitWriter,
  };
}

/**
 * The forms layer, shared by the server and the browser: one AJV setup (rjsf's validator with our
 * formats, keywords and messages), the server's validate-and-clean call, and small helpers the
 * client shows live (age and sex from the ID number, per-capita income). Nothing here touches the
 * file system; the server loads `schemas/` with `load-forms.ts`.
 */
export type { FieldErrors, FormDocument, FormValidationResult, FormValidator, Locale } from './form-document';
export { createFormValidator } from './create-form-validator';
export { createRjsfValidator, type RjsfValidator } from './create-rjsf-validator';
export { createLocalizer, requiredFieldMessage } from './create-localizer';
export { createFormDocument } from './create-form-document';
export { inlineSharedDefs } from './inline-shared-defs';
export { localizeFormSchema } from './localize-form-schema';
export { toErrorSchema } from './to-error-schema';
export { findIdCardProblem, idCardAge, idCardBirthDate, idCardCheckCharacter, idCardSex, isValidIdCard, type IdCardProblem } from './id-card';
export { isBankAccount, isLandline, isMobile, isPhone } from './custom-formats';
export { computeValue, findComputeIssues, COMPUTE_OPERATORS, type ComputeConfig } from './keywords/compute.keyword';
export { FILE_KINDS, type FileKindConfig } from './keywords/file-kind.keyword';
export { isMoney, roundMoney } from './money';
export { computeNetIncome, computePerCapitaIncome, type HouseholdIncome } from './per-capita-income';
export { formatMessage } from './messages';
export { findSensitiveFields, SENSITIVE_FORMATS, type SensitiveKind } from './sensitive-fields';
export { FILE_REF_FORMAT, fileRefsOf, findFileRefFields, isExampleFileRef, replaceExampleFileRefs, type FileRefValue } from './file-refs';
export { isAttachmentId } from './custom-formats';
export { declaredProperties, findRuleReferenceProblems, RULE_KEYWORD_NAMES, RULE_NAMES_ZH, type RuleReferenceProblem } from './rule-references';

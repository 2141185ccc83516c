/** Forms: rjsf with Ant Design, our widgets (ID card, money, date) and the shared validator. */
export { SchemaForm, type FormData, type SchemaFormHandle } from './SchemaForm';
export { validatorFor } from './validatorFor';
export { toErrorSchema, computePerCapitaIncome, computeNetIncome, type HouseholdIncome } from '@shared/forms';
export { deriveFields, markComputedReadonly } from './deriveFields';
export { useLocalDraft } from './useLocalDraft';
export { useTouched } from './useTouched';
export { declaredFills, fillDeclared, overlay, type FillValues } from './fillDeclared';
export { useFillValues } from './useFillValues';

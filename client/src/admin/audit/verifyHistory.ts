import type { HistoryVerification } from '@shared/contract';
import { request } from '../../api/http';
import { defineCatalog } from '../../i18n';

/** Asks the server to re-compute one case's history chain (inspectors and admins). */
export const verifyInstanceHistory = (instanceId: string, signal?: AbortSignal) =>
  request<HistoryVerification>('GET', `/instances/${encodeURIComponent(instanceId)}/verify`, undefined, signal);

/** True for text that looks like a case id (a UUID), which the audit trail names as a target. */
export const looksLikeInstanceId = (text: string | null | undefined): text is string =>
  !!text && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text.trim());

/** Texts of the history check, Chinese first. */
export const verifyText = defineCatalog({
  'zh-CN': {
    heading: '历史记录校验',
    placeholder: '案件编号（UUID）',
    verify: '校验',
    badId: '请输入案件编号（UUID 格式）',
    intact: '校验通过：共 {n} 条历史记录，哈希链完整，末尾与案件登记一致',
    broken: '校验未通过：历史记录已被篡改',
    brokenAt: '自第 {seq} 条记录起不可信。',
  },
  en: {
    heading: 'Verify a case history',
    placeholder: 'Case id (UUID)',
    verify: 'Verify',
    badId: 'Enter a case id (a UUID)',
    intact: 'Verified: {n} history events, the hash chain is whole and ends where the case recorded',
    broken: 'Verification failed: the history was tampered with',
    brokenAt: 'Not trustworthy from event {seq} on.',
  },
});

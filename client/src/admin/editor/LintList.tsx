import type { LintIssue } from '@shared/contract';
import { Empty, Tag, Typography } from 'antd';
import { useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { stateOfIssue } from './graphModel';

/** Lint results of the last save or check; a click selects the state the issue belongs to. */
export function LintList({ issues, checked, onPick }: { issues: LintIssue[]; checked: boolean; onPick: (stateId: string) => void }) {
  const t = useT(editorText);
  if (!checked) return <Empty description={t('lintNotRun')} />;
  if (issues.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lintClean')} />;
  return (
    <ul className="jz-admin-list" data-testid="lint-list">
      {issues.map((issue, index) => {
        const stateId = stateOfIssue(issue);
        const body = (
          <>
            <Tag color={issue.severity === 'error' ? 'error' : 'warning'}>{t(issue.severity === 'error' ? 'lintError' : 'lintWarning')}</Tag>
            {issue.message}
            <div>
              <Typography.Text type="secondary" className="jz-admin-pointer">
                {issue.code} · {stateId ?? issue.path}
              </Typography.Text>
            </div>
          </>
        );
        return (
          <li key={`${issue.path}:${issue.code}:${index}`}>
            {stateId ? (
              <button type="button" className="jz-admin-list-button" onClick={() => onPick(stateId)}>
                {body}
              </button>
            ) : (
              body
            )}
          </li>
        );
      })}
    </ul>
  );
}

import { AutoComplete, Button, Form, Input, Select, Space, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n';
import { editorText } from '../../i18n/admin';
import { DELAY, EVENT_NAME, TASK_SCOPES, type OutcomeJson, type TaskJson } from '../model';
import { useDepartmentScopes } from '../shared/departmentScopes';
import { useRoles } from '../shared/roles';

interface Props {
  task: TaskJson;
  onChange: (task: TaskJson) => void;
  formKeys: string[];
  readOnly: boolean;
  /** Whether some transition of the state handles an outcome's event. */
  handled: (event: string) => boolean;
  onAddTransition: (event: string) => void;
}

/** A state's human task: form, candidate roles, scope, title, due time and outcomes. */
export function TaskEditor({ task, onChange, formKeys, readOnly, handled, onAddTransition }: Props) {
  const t = useT(editorText);
  const { roleOptions } = useRoles();
  const departments = useDepartmentScopes();
  const set = (patch: Partial<TaskJson>) => onChange({ ...task, ...patch });
  const setOutcome = (index: number, patch: Partial<OutcomeJson> | null) => {
    const outcomes = [...task.outcomes];
    if (patch) outcomes[index] = { ...outcomes[index], ...patch };
    else outcomes.splice(index, 1);
    set({ outcomes });
  };
  const dueValid = !task.dueIn || DELAY.test(task.dueIn);
  return (
    <Form layout="vertical" size="small" disabled={readOnly} className="jz-admin-task">
      <Form.Item label={t('taskTitleZh')} required>
        <Input value={task.title.zh} onChange={(e) => set({ title: { ...task.title, zh: e.target.value } })} aria-label={t('taskTitleZh')} />
      </Form.Item>
      <Form.Item label={t('taskTitleEn')}>
        <Input value={task.title.en ?? ''} onChange={(e) => set({ title: { ...task.title, en: e.target.value } })} aria-label={t('taskTitleEn')} />
      </Form.Item>
      <Form.Item
        label={t('taskForm')}
        required
        extra={task.form ? <Link to={`/admin/forms/${encodeURIComponent(task.form)}`}>{t('openFormBuilder')}</Link> : undefined}
      >
        <AutoComplete
          value={task.form}
          options={formKeys.map((key) => ({ value: key }))}
          onChange={(form: string) => set({ form })}
          placeholder="household-identification.townReview"
          aria-label={t('taskForm')}
        />
      </Form.Item>
      <Form.Item label={t('taskRoles')} required>
        <Select mode="multiple" value={task.roles} options={roleOptions} onChange={(roles: string[]) => set({ roles })} aria-label={t('taskRoles')} />
      </Form.Item>
      <Form.Item label={t('taskScope')} required>
        <Select
          value={task.scope}
          options={[
            ...TASK_SCOPES.map((scope) => ({ value: scope, label: t(`scope.${scope}`) })),
            ...departments.map((d) => ({ value: d.value, label: t('scope.department', { name: d.name }) })),
            // A department the tree no longer has still shows what the definition says.
            ...(task.scope.startsWith('department:') && !departments.some((d) => d.value === task.scope) ? [{ value: task.scope, label: task.scope }] : []),
          ]}
          onChange={(scope) => set({ scope })}
          aria-label={t('taskScope')}
        />
      </Form.Item>
      <Form.Item label={t('taskDue')} validateStatus={dueValid ? undefined : 'error'} help={dueValid ? t('taskDueHint') : t('badDelay', { delay: task.dueIn ?? '' })}>
        <Input value={task.dueIn ?? ''} onChange={(e) => set({ dueIn: e.target.value || undefined })} placeholder="P5D" aria-label={t('taskDue')} aria-invalid={!dueValid || undefined} />
      </Form.Item>
      <Form.Item label={t('outcomes')} required>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {task.outcomes.map((outcome, index) => (
            <div key={index} className="jz-admin-outcome">
              <Input
                value={outcome.event}
                status={EVENT_NAME.test(outcome.event) ? undefined : 'error'}
                onChange={(e) => setOutcome(index, { event: e.target.value.toUpperCase() })}
                placeholder="APPROVE"
                aria-label={t('outcomeEvent')}
              />
              <Input value={outcome.label.zh} onChange={(e) => setOutcome(index, { label: { ...outcome.label, zh: e.target.value } })} placeholder={t('outcomeLabelZh')} aria-label={t('outcomeLabelZh')} />
              <Input value={outcome.label.en ?? ''} onChange={(e) => setOutcome(index, { label: { ...outcome.label, en: e.target.value } })} placeholder={t('outcomeLabelEn')} />
              <Select
                value={outcome.kind ?? 'forward'}
                options={(['forward', 'return', 'reject'] as const).map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
                onChange={(kind) => setOutcome(index, { kind })}
              />
              <Button type="text" danger icon={<DeleteOutlined aria-hidden />} onClick={() => setOutcome(index, null)} aria-label={t('remove')} />
              {outcome.event && !handled(outcome.event) && (
                <Space size={4}>
                  <Tag color="warning">{t('outcomeUnhandled')}</Tag>
                  {!readOnly && (
                    <Button size="small" type="link" onClick={() => onAddTransition(outcome.event)}>
                      {t('addTransitionFor')}
                    </Button>
                  )}
                </Space>
              )}
            </div>
          ))}
          <Button size="small" icon={<PlusOutlined aria-hidden />} onClick={() => set({ outcomes: [...task.outcomes, { event: '', label: { zh: '', en: '' }, kind: 'forward' }] })}>
            {t('addOutcome')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}

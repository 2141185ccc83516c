import type { OrgUnit } from '@shared/contract';
import { useEffect, useEffectEvent, useState } from 'react';
import { Button, Card, Descriptions, Form, Input, Space, Switch, Tree, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { createOrgUnit, listCounties, listOrgUnits, updateOrgUnit } from '../../api/adminUsers';
import { useT } from '../../i18n';
import { orgUnitsText } from '../../i18n/admin';
import { ExcelImportDialog } from '../../layout/ExcelImportDialog';
import { PageTitle } from '../../layout/PageTitle';
import { useFeedback } from '../../layout/useFeedback';
import { ErrorAlert } from '../shared/ErrorAlert';

interface TreeItem {
  key: string;
  title: string;
  isLeaf: boolean;
  children?: TreeItem[];
}

const CHILD_LEVEL: Record<OrgUnit['level'], 'town' | 'village' | 'group' | null> = { county: 'town', town: 'village', village: 'group', group: null, department: null };

/** `/admin/org-units`: the county's tree, loaded a level at a time, its departments after its towns; rename, mark 相对贫困村, add below or a department, import from Excel. */
export default function OrgUnitsPage() {
  const t = useT(orgUnitsText);
  const { message } = useFeedback();
  const [units, setUnits] = useState<Map<string, OrgUnit>>(new Map());
  const [loadedParents, setLoadedParents] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string>('');
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  // The county opens by itself once its towns are there: adjusted while rendering, not in an effect.
  const roots = [...units.values()].filter((u) => u.parentId === null).map((u) => u.id);
  if (roots.length && expanded.length === 0 && roots.every((id) => loadedParents.has(id))) setExpanded(roots);

  const loadChildren = async (parentId: string, force = false) => {
    if (!force && loadedParents.has(parentId)) return;
    const children = await listOrgUnits(parentId);
    setUnits((current) => {
      const next = new Map(current);
      for (const unit of children) next.set(unit.id, unit);
      return next;
    });
    setLoadedParents((current) => new Set(current).add(parentId));
  };
  // State changes only once the counties are in (a promise callback), so the opening effect may start it.
  const loadTop = () =>
    listCounties().then(async (counties) => {
      setUnits((current) => new Map([...current, ...counties.map((u) => [u.id, u] as const)]));
      setSelected((current) => current || counties[0]?.id || '');
      for (const county of counties) await loadChildren(county.id, true);
    });
  // Once, for the county and its towns; deeper levels load as the tree opens.
  const loadAtOpen = useEffectEvent(() => loadTop().catch((cause: unknown) => setError(cause)));
  useEffect(() => {
    void loadAtOpen();
  }, []);

  const unit = units.get(selected);
  // Another unit selected, or this one saved: show its name. Adjusted while rendering, not in an effect.
  // null until the first render has synced, so a unit selected at mount shows its name too.
  const [nameOfUnit, setNameOfUnit] = useState<typeof unit | null>(null);
  if (nameOfUnit !== unit) {
    setNameOfUnit(unit);
    setName(unit?.name ?? '');
  }
  const treeData = (parentId: string | null): TreeItem[] =>
    [...units.values()]
      .filter((u) => u.parentId === parentId)
      .sort((a, b) => Number(a.level === 'department') - Number(b.level === 'department') || a.id.localeCompare(b.id))
      .map((u) => ({
        key: u.id,
        title: `${u.name}${u.relativelyPoor ? ' ★' : ''}${u.level === 'department' ? `（${t('departmentTag')}）` : ''}`,
        isLeaf: u.level === 'group' || u.level === 'department',
        children: loadedParents.has(u.id) ? treeData(u.id) : undefined,
      }));

  /** Runs an admin action and says it is done; a failure shows in the page's alert. Answers whether it went through. */
  const act = async (action: () => Promise<void>, done: string): Promise<boolean> => {
    setError(null);
    try {
      await action();
      message.success(done);
      return true;
    } catch (cause) {
      setError(cause);
      return false;
    }
  };
  const create = (level: Parameters<typeof createOrgUnit>[0]['level'], parentId: string) => (id: string, unitName: string) =>
    act(async () => {
      await createOrgUnit({ id, parentId, level, name: unitName });
      await loadChildren(parentId, true);
    }, t('created'));
  const childLevel = unit ? CHILD_LEVEL[unit.level] : null;

  return (
    <section>
      <PageTitle extra={<Button icon={<UploadOutlined aria-hidden />} onClick={() => setImporting(true)}>{t('import')}</Button>}>{t('title')}</PageTitle>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      <div className="jz-admin-split">
        <Card size="small" className="jz-admin-split-left">
          <Tree
            showLine
            treeData={treeData(null)}
            selectedKeys={[selected]}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(String))}
            loadData={(node) => loadChildren(String(node.key))}
            onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
          />
        </Card>
        {unit && (
          <Card size="small" className="jz-admin-split-right" title={unit.name}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'id', label: t('code'), children: <Typography.Text code>{unit.id}</Typography.Text> },
                { key: 'level', label: t('level'), children: t(`level.${unit.level}`) },
              ]}
            />
            {unit.level !== 'county' && (
              <Form layout="vertical" size="small" className="jz-admin-gap">
                <Form.Item label={t('name')}>
                  <Space.Compact block>
                    <Input value={name} onChange={(e) => setName(e.target.value)} />
                    <Button
                      disabled={!name.trim() || name === unit.name}
                      onClick={() =>
                        void act(async () => {
                          const updated = await updateOrgUnit(unit.id, { name: name.trim() });
                          setUnits((current) => new Map(current).set(unit.id, { ...unit, ...updated, name: updated?.name ?? name.trim() }));
                        }, t('saved'))
                      }
                    >
                      {t('rename')}
                    </Button>
                  </Space.Compact>
                </Form.Item>
                {unit.level === 'village' && (
                  <Form.Item label={t('relativelyPoor')}>
                    <Switch
                      checked={Boolean(unit.relativelyPoor)}
                      onChange={(relativelyPoor) =>
                        void act(async () => {
                          await updateOrgUnit(unit.id, { relativelyPoor });
                          setUnits((current) => new Map(current).set(unit.id, { ...unit, relativelyPoor }));
                        }, t('saved'))
                      }
                    />
                  </Form.Item>
                )}
              </Form>
            )}
            {childLevel && (
              <NewUnitForm
                title={t('addChild', { level: t(`level.${childLevel}`) })}
                codeHint={t('codeHint')}
                codePlaceholder={`${unit.id}…`}
                validCode={(code) => /^\d{6,15}$/.test(code)}
                submitLabel={t('create')}
                onCreate={create(childLevel, unit.id)}
              />
            )}
            {unit.level === 'county' && (
              <NewUnitForm
                title={t('addDepartment')}
                codeHint={t('departmentCodeHint', { example: `${unit.id}908` })}
                codePlaceholder={`${unit.id}9…`}
                validCode={(code) => new RegExp(`^${unit.id}9\\d{2}$`).test(code)}
                submitLabel={t('addDepartment')}
                onCreate={create('department', unit.id)}
              />
            )}
          </Card>
        )}
      </div>
      {importing && (
        <ExcelImportDialog
          path="/org-units/import"
          title={t('importTitle')}
          hint={t('importHint')}
          fileStem="组织机构导入"
          onClose={(imported) => {
            setImporting(false);
            if (imported) {
              setLoadedParents(new Set());
              loadTop().catch(setError);
            }
          }}
        />
      )}
    </section>
  );
}

/**
 * A unit to add below the selected one (a town, village, group, or a county department): its code and
 * name, checked before the button is enabled; cleared once the unit is created.
 */
function NewUnitForm({ title, codeHint, codePlaceholder, validCode, submitLabel, onCreate }: {
  title: string;
  codeHint: string;
  codePlaceholder: string;
  validCode: (code: string) => boolean;
  submitLabel: string;
  onCreate: (id: string, name: string) => Promise<boolean>;
}) {
  const t = useT(orgUnitsText);
  const [entered, setEntered] = useState({ id: '', name: '' });
  return (
    <Form layout="vertical" size="small" className="jz-admin-gap">
      <Typography.Title level={5}>{title}</Typography.Title>
      <Form.Item label={t('code')} help={codeHint}>
        <Input value={entered.id} onChange={(e) => setEntered({ ...entered, id: e.target.value.trim() })} placeholder={codePlaceholder} aria-label={`${title} ${t('code')}`} />
      </Form.Item>
      <Form.Item label={t('name')}>
        <Input value={entered.name} onChange={(e) => setEntered({ ...entered, name: e.target.value })} aria-label={`${title} ${t('name')}`} />
      </Form.Item>
      <Button
        type="primary"
        disabled={!validCode(entered.id) || !entered.name.trim()}
        onClick={() => void onCreate(entered.id, entered.name.trim()).then((created) => created && setEntered({ id: '', name: '' }))}
      >
        {submitLabel}
      </Button>
    </Form>
  );
}

import type { OrgUnit } from '@shared/contract';
import { useEffect, useState } from 'react';
import { TreeSelect } from 'antd';
import { listCounties, listOrgUnits } from '../../api/adminUsers';

interface TreeNode {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (unit: OrgUnit): TreeNode => ({ id: unit.id, pId: unit.parentId ?? undefined, value: unit.id, title: unit.name, isLeaf: unit.level === 'group' });

/** An org unit from the county's tree (county → towns → villages → groups), loaded a level at a time. */
export function OrgUnitPicker({ id, value, onChange, placeholder, allowClear }: { id?: string; value?: string; onChange?: (id: string) => void; placeholder?: string; allowClear?: boolean }) {
  const [nodes, setNodes] = useState<TreeNode[]>([]);
  const add = (units: OrgUnit[]) => setNodes((current) => [...current, ...units.filter((u) => !current.some((n) => n.id === u.id)).map(toNode)]);
  useEffect(() => {
    // The county and its towns at once: nearly every account belongs to one of them.
    listCounties()
      .then(async (counties) => {
        add(counties);
        for (const county of counties) add(await listOrgUnits(county.id));
      })
      .catch(() => undefined);
  }, []);
  const loadData = async (node: { id?: string; value?: string | number }) => {
    const id = String(node.id ?? node.value);
    if (nodes.some((n) => n.pId === id)) return;
    const children = await listOrgUnits(id);
    setNodes((current) => [...current, ...children.filter((u) => !current.some((n) => n.id === u.id)).map(toNode)]);
  };
  return (
    <TreeSelect
      id={id}
      treeDataSimpleMode
      style={{ width: '100%' }}
      value={value}
      placeholder={placeholder}
      allowClear={allowClear}
      treeData={nodes}
      loadData={loadData}
      treeDefaultExpandedKeys={nodes.filter((n) => !n.pId).map((n) => n.id)}
      onChange={(id: string) => onChange?.(id)}
      showSearch
      treeNodeFilterProp="title"
    />
  );
}

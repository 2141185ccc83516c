import type { TableColumnsType } from 'antd';
import type { TdHTMLAttributes } from 'react';

/**
 * Table columns whose cells carry their column's title as `data-label`: on a phone (global.css,
 * `.jz-card-table`) each row becomes a card listing "title value" pairs instead of a wide table.
 * @example <Table className="jz-card-table" columns={asCardColumns([{ title: '户主', dataIndex: 'headName' }])} />
 */
export function asCardColumns<T>(columns: TableColumnsType<T>): TableColumnsType<T> {
  return columns.map((column) =>
    typeof column.title === 'string' ? { ...column, onCell: () => ({ 'data-label': column.title }) as TdHTMLAttributes<HTMLTableCellElement> } : column,
  );
}

import { createContext, useContext, useMemo, type CSSProperties, type ReactNode } from 'react';
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent, type DraggableAttributes } from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button } from 'antd';
import { HolderOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { builderText } from '../../i18n/formBuilder';

/** The row's drag handle: listeners and attributes of its sortable item, given to the handle only. */
const HandleContext = createContext<{ listeners?: Record<string, unknown>; attributes?: DraggableAttributes; setActivatorNodeRef?: (node: HTMLElement | null) => void }>({});

/**
 * Drag-and-drop ordering of a list (dnd-kit): by mouse or finger on the handle, or by keyboard
 * (focus the handle, Space, arrows, Space). `onMove` gets the dragged id and the one it was dropped on.
 */
export function SortableList({ ids, onMove, children }: { ids: string[]; onMove: (from: string, to: string) => void; children: ReactNode }) {
  const t = useT(builderText);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) onMove(String(active.id), String(over.id));
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t('dragInstructions') },
        announcements: {
          onDragStart: ({ active }) => t('dragStart', { id: String(active.id) }),
          // Over itself is where it was picked up (dnd-kit reports it right after the pick-up): saying so would replace "picked up" before it is read.
          onDragOver: ({ active, over }) => (over && over.id !== active.id ? t('dragOver', { id: String(active.id), over: String(over.id) }) : undefined),
          onDragEnd: ({ active, over }) => (over ? t('dragEnd', { id: String(active.id), over: String(over.id) }) : t('dragCancel', { id: String(active.id) })),
          onDragCancel: ({ active }) => t('dragCancel', { id: String(active.id) }),
        },
      }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}

/** The handle a row is dragged by. */
export function DragHandle({ label }: { label: string }) {
  const { listeners, attributes, setActivatorNodeRef } = useContext(HandleContext);
  return (
    <Button
      type="text"
      size="small"
      icon={<HolderOutlined aria-hidden />}
      ref={setActivatorNodeRef}
      style={{ cursor: 'grab', touchAction: 'none' }}
      {...attributes}
      {...listeners}
      aria-label={label}
      data-testid="drag-handle"
    />
  );
}

/** A block (a field of the builder's tree) that can be dragged by its DragHandle. */
export function SortableItem({ id, children, className }: { id: string; children: ReactNode; className?: string }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const handle = useMemo(() => ({ listeners: listeners as Record<string, unknown> | undefined, attributes, setActivatorNodeRef }), [listeners, attributes, setActivatorNodeRef]);
  const style: CSSProperties = { transform: CSS.Translate.toString(transform), transition, ...(isDragging ? { position: 'relative', zIndex: 9, background: '#e6f4ff' } : {}) };
  return (
    <HandleContext.Provider value={handle}>
      <div ref={setNodeRef} style={style} className={className}>
        {children}
      </div>
    </HandleContext.Provider>
  );
}

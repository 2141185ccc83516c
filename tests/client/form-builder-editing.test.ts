import { recordEdit, redoEdit, startHistory, undoEdit, HISTORY_LIMIT } from '../../client/src/admin/forms/editHistory';
import { computeValue, fillComputed } from '../../client/src/forms/computeValue';
import { deriveFields, markComputedReadonly } from '../../client/src/forms/deriveFields';
import { acceptedTypes } from '../../client/src/attachments/acceptedTypes';
import { toAsciiDigits } from '../../client/src/forms/toAsciiDigits';

describe('form builder: undo and redo', () => {
  it('When three changes are made, then undo walks back through them and redo forward again', () => {
    let h = startHistory('a');
    h = recordEdit(h, 'b');
    h = recordEdit(h, 'c');
    h = recordEdit(h, 'd');
    h = undoEdit(h);
    expect(h.present).toBe('c');
    h = undoEdit(undoEdit(h));
    expect(h.present).toBe('a');
    expect(undoEdit(h)).toBe(h);
    h = redoEdit(h);
    expect(h.present).toBe('b');
    expect(h.future).toEqual(['c', 'd']);
  });

  it('When something new is done after an undo, then what was undone can no longer be redone', () => {
    let h = recordEdit(recordEdit(startHistory(1), 2), 3);
    h = undoEdit(h);
    h = recordEdit(h, 9);
    expect(h.present).toBe(9);
    expect(h.future).toEqual([]);
    expect(redoEdit(h)).toBe(h);
    expect(undoEdit(h).present).toBe(2);
  });

  it('When a title is typed letter by letter, then one undo takes the whole typing back', () => {
    let h = startHistory('');
    for (const text of ['入', '入户', '入户走访']) h = recordEdit(h, text, 'title.zh');
    h = recordEdit(h, '入户走访记录', 'title.zh');
    expect(h.past).toEqual(['']);
    h = recordEdit(h, 'x', 'title.en');
    expect(undoEdit(undoEdit(h)).present).toBe('');
  });

  it('When more changes are made than the history keeps, then the oldest are dropped', () => {
    let h = startHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) h = recordEdit(h, i);
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(5);
  });
});

describe('computed values (x-compute)', () => {
  const total = { reduce: [{ var: 'visitors' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0] };
  it('When the amounts of a repeating group change, then the total follows, rounded to fen', () => {
    const schema = {
      type: 'object',
      properties: {
        visitors: { type: 'array', items: { type: 'object', properties: { amount: { type: 'number', format: 'money' } } } },
        total: { type: 'number', format: 'money', 'x-compute': { logic: total, round: 2 } },
      },
    };
    const data = deriveFields<Record<string, unknown>>(schema, { visitors: [{ amount: 100.1 }, { amount: 0.205 }] });
    expect(data.total).toBe(100.31);
    expect(deriveFields<Record<string, unknown>>(schema, { visitors: [] }).total).toBe(0);
  });
  it('When a computed field sits in each row, then each row gets its own value', () => {
    const schema = {
      type: 'object',
      properties: { rows: { type: 'array', items: { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'integer' }, sum: { type: 'integer', 'x-compute': { logic: { '+': [{ var: 'a' }, { var: 'b' }] } } } } } } },
    };
    expect(deriveFields(schema, { rows: [{ a: 1, b: 2 }, { a: 5, b: 5 }] })).toEqual({ rows: [{ a: 1, b: 2, sum: 3 }, { a: 5, b: 5, sum: 10 }] });
  });
  it('When the rule divides by zero or uses an operator outside the safe set, then the field is left empty', () => {
    const data: Record<string, unknown> = { income: 100, size: 0, perCapita: 5 };
    fillComputed({ properties: { perCapita: { type: 'number', 'x-compute': { logic: { '/': [{ var: 'income' }, { var: 'size' }] } } } } }, data);
    expect(data.perCapita).toBeUndefined();
    expect(computeValue({ method: [{ var: 'x' }, 'toString'] }, { x: 1 }, { type: 'string' })).toBeUndefined();
  });
  it('When a computed field inside a row reads $root, then it sees the whole form', () => {
    const schema = {
      type: 'object',
      properties: {
        rate: { type: 'number' },
        rows: { type: 'array', items: { type: 'object', properties: { hours: { type: 'number' }, pay: { type: 'number', 'x-compute': { logic: { '*': [{ var: 'hours' }, { var: '$root.rate' }] }, round: 1 } } } } },
      },
    };
    expect(deriveFields<Record<string, any>>(schema, { rate: 1.25, rows: [{ hours: 3 }] }).rows[0].pay).toBe(3.8);
  });
  it('When a form has computed fields, then the uiSchema makes them read-only, inside repeating groups too', () => {
    const schema = {
      type: 'object',
      properties: {
        total: { type: 'number', 'x-compute': { logic: { '+': [1, 1] } } },
        rows: { type: 'array', items: { type: 'object', properties: { sum: { type: 'number', 'x-compute': { logic: { '+': [1, 1] } } } } } },
      },
    };
    const ui = markComputedReadonly(schema, {}) as Record<string, any>;
    expect(ui.total['ui:readonly']).toBe(true);
    expect(ui.rows.items.sum['ui:readonly']).toBe(true);
  });
});

describe('field widgets', () => {
  it('When a photo field limits its types, then the uploader accepts only those', () => {
    expect(acceptedTypes({ type: 'array', items: { type: 'string', format: 'file-ref', 'x-file': { kind: 'photo', accept: ['image/jpeg', 'image/png'] } } }, undefined)).toEqual(['image/jpeg', 'image/png']);
    expect(acceptedTypes({ type: 'string', format: 'file-ref' }, 'image/png,application/pdf')).toEqual(['image/png', 'application/pdf']);
    expect(acceptedTypes({ type: 'string', format: 'file-ref' }, undefined)).toBeUndefined();
  });
  it('When a phone number is typed with a Chinese keyboard, then it is kept as ASCII digits', () => {
    expect(toAsciiDigits('１３８ ００１３ ８０００')).toBe('13800138000');
    expect(toAsciiDigits('０７５３－４４３２１００')).toBe('0753-4432100');
  });
});

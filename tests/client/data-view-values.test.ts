import sharedDefs from '../../schemas/_defs.json';
import { formatValue } from '../../client/src/forms/dataViewModel';

const root = sharedDefs as unknown as Record<string, unknown>;
const words = { yes: 'Yes', no: 'No' };

describe('an earlier step\'s values as text', () => {
  it('names a list of enumerated terms given by $ref in the reader\'s language', () => {
    const schema = { type: 'array', items: { $ref: '#/$defs/povertyCause' } };
    expect(formatValue(['因学', '缺技术'], schema, 'en', words, root)).toBe('Schooling costs, Lack of skills');
    expect(formatValue(['因学', '缺技术'], schema, 'zh-CN', words, root)).toBe('因学、缺技术');
  });

  it('names a single term in place and leaves free text as it is', () => {
    expect(formatValue('低保户', { enum: ['一般贫困户', '低保户'], 'x-enumNames-en': ['Ordinary', 'Minimum living guarantee'] }, 'en', words)).toBe('Minimum living guarantee');
    expect(formatValue('汉族', { type: 'string' }, 'en', words)).toBe('汉族');
  });
});

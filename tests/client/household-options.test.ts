import { enumLabel, statusTag } from '../../client/src/households/householdOptions';

describe('the registry\'s stored terms as the reader\'s language names them', () => {
  it('names a category and a cause in English, and keeps the stored term in Chinese', () => {
    expect(enumLabel('householdCategory', '低保户', 'zh-CN')).toBe('低保户');
    expect(enumLabel('householdCategory', '低保户', 'en')).toMatch(/^[\x20-\x7e]+$/);
    expect(enumLabel('povertyCause', '因病', 'en')).toMatch(/^[\x20-\x7e]+$/);
    expect(enumLabel('povertyCause', '因病', 'en')).not.toBe('因病');
  });

  it('shows a term the list lacks as it is, and nothing for none', () => {
    expect(enumLabel('povertyCause', '因天灾', 'en')).toBe('因天灾');
    expect(enumLabel('povertyCause', null, 'en')).toBe('');
  });

  it('names a member\'s relation, sex, education, health and labour', () => {
    expect(['relation', 'sex', 'education', 'health', 'labour'].map((name) => enumLabel(name as never, { relation: '之子', sex: '女', education: '初中', health: '健康', labour: '普通劳动力' }[name], 'en')))
      .toEqual(['Son', 'Female', 'Junior middle school', 'Healthy', 'Ordinary labour']);
  });

  it('names a status as the tag does', () => {
    expect(statusTag('返贫', 'en').label).toBe('Fallen back');
  });
});

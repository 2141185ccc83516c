import { belowPattern, canSee, narrowScope } from '../../server/src/auth/org-scope';

/**
 * The list side of the one scope module: which org path a filtered list may cover, and the SQL
 * LIKE pattern read models use for "this unit and below" (seed tree: 五华县 441424, 华城镇
 * 441424130, 董源村 441424130201, 转水镇 441424103).
 */
const COUNTY = '441424';
const HUACHENG = '441424/441424130';
const DONGYUAN = '441424/441424130/441424130201';
const ZHUANSHUI = '441424/441424103';
const at = (orgPath: string) => ({ orgPath });

describe('narrowScope', () => {
  it('covers the caller\'s own scope when no filter is given', () => {
    expect(narrowScope(at(HUACHENG), undefined)).toBe(HUACHENG);
  });

  it('narrows to a unit inside the scope that the caller filtered by', () => {
    expect(narrowScope(at(COUNTY), HUACHENG)).toBe(HUACHENG);
    expect(narrowScope(at(HUACHENG), DONGYUAN)).toBe(DONGYUAN);
  });

  it('keeps the scope when the filter names a unit above it (a village clerk filtering by their town)', () => {
    expect(narrowScope(at(DONGYUAN), HUACHENG)).toBe(DONGYUAN);
  });

  it('covers nothing when the filter lies outside the scope', () => {
    expect(narrowScope(at(HUACHENG), ZHUANSHUI)).toBeNull();
  });

  it('does not take a sibling whose code starts with the same digits for a unit below', () => {
    expect(narrowScope(at(HUACHENG), '441424/4414241301')).toBeNull();
  });
});

describe('canSee', () => {
  it('sees the own unit and what lies below it, not a neighbour', () => {
    expect(canSee(at(HUACHENG), HUACHENG)).toBe(true);
    expect(canSee(at(HUACHENG), DONGYUAN)).toBe(true);
    expect(canSee(at(HUACHENG), ZHUANSHUI)).toBe(false);
    expect(canSee(at(DONGYUAN), HUACHENG)).toBe(false);
  });
});

describe('belowPattern', () => {
  it('matches everything below a path, the path itself being matched by equality beside it', () => {
    expect(belowPattern(HUACHENG)).toBe('441424/441424130/%');
  });

  it('escapes LIKE wildcards so a path can never widen the pattern', () => {
    expect(belowPattern('44_4%\\x')).toBe('44\\_4\\%\\\\x/%');
  });
});

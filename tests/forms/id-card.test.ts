import { findIdCardProblem, idCardAge, idCardBirthDate, idCardCheckCharacter, idCardSex, isValidIdCard } from '../../server/src/forms';

describe('isValidIdCard', () => {
  it('accepts the GB 11643 sample number with a check character X', () => {
    expect(isValidIdCard('11010519491231002X')).toBe(true);
  });

  it('accepts 五华 numbers whose check characters were computed with the GB 11643 weights', () => {
    for (const id of ['441424196803153012', '441424197007223029', '441424194505263062', '441424201206052313']) {
      expect(isValidIdCard(id)).toBe(true);
    }
  });

  it('refuses a number whose check character is wrong', () => {
    expect(isValidIdCard('441424196803153013')).toBe(false);
    expect(findIdCardProblem('441424196803153013')).toBe('checksum');
  });

  it('refuses a lower-case x, a wrong length, letters and an unknown province', () => {
    expect(findIdCardProblem('11010519491231002x')).toBe('characters');
    expect(findIdCardProblem('44142419680315301')).toBe('length');
    expect(findIdCardProblem('4414241968031530121')).toBe('length');
    expect(findIdCardProblem('44142419680315A012')).toBe('characters');
    expect(findIdCardProblem('991424196803153012')).toBe('region');
  });

  it('refuses birth dates that do not exist, are before 1900 or lie in the future', () => {
    const withBody = (body: string) => body + idCardCheckCharacter(body);
    expect(findIdCardProblem(withBody('44142419490230301'))).toBe('birthDate');
    expect(findIdCardProblem(withBody('44142419001301301'))).toBe('birthDate');
    expect(findIdCardProblem(withBody('44142418991231301'))).toBe('birthDate');
    expect(findIdCardProblem(withBody('44142420000229301'))).toBeUndefined();
    expect(findIdCardProblem(withBody('44142419000229301'))).toBe('birthDate');
    const now = Date.UTC(2017, 0, 1);
    expect(findIdCardProblem(withBody('44142420170301301'), now)).toBe('birthDate');
    expect(findIdCardProblem(withBody('44142420161231301'), now)).toBeUndefined();
  });

  it('refuses values that are not strings', () => {
    expect(isValidIdCard(4414241968031530)).toBe(false);
    expect(isValidIdCard(undefined)).toBe(false);
  });
});

describe('what an ID number says', () => {
  it('gives the birth date, the sex from the parity of the 17th digit, and the age on a date', () => {
    expect(idCardBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idCardSex('11010519491231002X')).toBe('女');
    expect(idCardSex('441424196803153012')).toBe('男');
    expect(idCardAge('441424196803153012', '2017-03-14')).toBe(48);
    expect(idCardAge('441424196803153012', '2017-03-15')).toBe(49);
  });

  it('gives nothing for an invalid number', () => {
    expect(idCardBirthDate('441424196803153013')).toBeUndefined();
    expect(idCardSex('441424196803153013')).toBeUndefined();
    expect(idCardAge('441424196803153013', '2017-01-01')).toBeUndefined();
  });
});

import { computeNetIncome, createFormValidator, createRjsfValidator, computePerCapitaIncome, isBankAccount, isMobile, isMoney, isPhone, roundMoney } from '../../server/src/forms';
import { EARLIEST_DATE, isPlausibleDate, LATEST_DATE } from '../../server/src/forms/custom-formats';

describe('contact formats', () => {
  it('takes mainland mobile numbers 1[3-9] plus nine digits', () => {
    expect(isMobile('13715321846')).toBe(true);
    expect(isMobile('19902318765')).toBe(true);
    expect(isMobile('12715321846')).toBe(false);
    expect(isMobile('1371532184')).toBe(false);
    expect(isMobile('+8613715321846')).toBe(false);
  });

  it('takes a phone as a mobile or a landline with its area code', () => {
    expect(isPhone('0753-4432100')).toBe(true);
    expect(isPhone('07534432100')).toBe(true);
    expect(isPhone('020-83331234-801')).toBe(true);
    expect(isPhone('13715321846')).toBe(true);
    expect(isPhone('4432100')).toBe(false);
    expect(isPhone('0753-0432100')).toBe(false);
  });

  it('takes bank accounts of 12 to 25 digits', () => {
    expect(isBankAccount('6229370012345678901')).toBe(true);
    expect(isBankAccount('44050170030100001234')).toBe(true);
    expect(isBankAccount('62293700123')).toBe(false);
    expect(isBankAccount('6229 3700 1234 5678 901')).toBe(false);
  });
});

describe('money', () => {
  it('takes non-negative amounts with at most two decimals', () => {
    expect(isMoney(0)).toBe(true);
    expect(isMoney(3243.33)).toBe(true);
    expect(isMoney(0.1 + 0.2)).toBe(true);
    expect(isMoney(1600000)).toBe(true);
    expect(isMoney(-0.01)).toBe(false);
    expect(isMoney(12.345)).toBe(false);
    expect(isMoney(Number.NaN)).toBe(false);
    expect(isMoney(Number.POSITIVE_INFINITY)).toBe(false);
    expect(isMoney(1e13)).toBe(false);
  });

  it('rounds to fen', () => {
    expect(roundMoney(19460 / 6)).toBe(3243.33);
  });
});

describe('computePerCapitaIncome', () => {
  const income = {
    wageIncome: 14400, productionIncome: 5200, propertyIncome: 120,
    transferIncome: { minimumLivingAllowance: 0, fiveGuaranteesAllowance: 0, pension: 2160, ecoCompensation: 180, other: 0 },
    productionCosts: 2600,
  };

  it('divides income items minus production costs by the household size', () => {
    expect(computeNetIncome(income)).toBe(19460);
    expect(computePerCapitaIncome(income, 6)).toBe(3243.33);
  });

  it('counts missing items as zero and refuses an empty household', () => {
    expect(computePerCapitaIncome({ wageIncome: 12000, productionCosts: 2000 }, 4)).toBe(2500);
    expect(computePerCapitaIncome(income, 0)).toBeUndefined();
    expect(computePerCapitaIncome(income, 2.5)).toBeUndefined();
  });
});

describe('dates', () => {
  it('takes real dates from 1900-01-02 to 2100-12-31 and refuses the placeholders around them', () => {
    expect(isPlausibleDate('2016-10-12')).toBe(true);
    expect(isPlausibleDate(EARLIEST_DATE)).toBe(true);
    expect(isPlausibleDate(LATEST_DATE)).toBe(true);
    expect(isPlausibleDate('2024-02-29')).toBe(true);
    expect(isPlausibleDate('1900-01-01')).toBe(false);
    expect(isPlausibleDate('1899-12-31')).toBe(false);
    expect(isPlausibleDate('2101-01-01')).toBe(false);
    expect(isPlausibleDate('9999-12-31')).toBe(false);
    expect(isPlausibleDate('0000-01-01')).toBe(false);
    expect(isPlausibleDate('2023-02-29')).toBe(false);
    expect(isPlausibleDate('2100-02-29')).toBe(false);
    expect(isPlausibleDate('2017-04-31')).toBe(false);
    expect(isPlausibleDate('2017-4-3')).toBe(false);
    expect(isPlausibleDate('2017-04-03T00:00:00Z')).toBe(false);
  });

  it('is the `date` format of the shared validator, with its range in the message', () => {
    const validator = createRjsfValidator();
    const schema = { type: 'object' as const, properties: { on: { type: 'string' as const, format: 'date' } } };
    expect(validator.isValid(schema, { on: '2016-10-12' }, schema)).toBe(true);
    expect(validator.isValid(schema, { on: '1900-01-01' }, schema)).toBe(false);
    expect(validator.isValid(schema, { on: '9999-12-31' }, schema)).toBe(false);
    const form = { key: 'test.dates', version: 1, title: { zh: '日期', en: 'Dates' }, schema, uiSchema: {} };
    expect(createFormValidator().validate(form, { on: '9999-12-31' }).fields).toEqual({ '/on': ['应为真实日期，格式 YYYY-MM-DD，在 1900-01-02 至 2100-12-31 之间'] });
  });
});

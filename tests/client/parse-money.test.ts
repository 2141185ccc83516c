import { parseMoney, readMoney, showMoney } from '../../client/src/forms/parseMoney';

describe('the money field reading what a clerk types', () => {
  it('reads separators, currency marks and full-width digits as the amount', () => {
    expect(readMoney('1,200.5元')).toEqual({ amount: 1200.5 });
    expect(readMoney('１２，０００．５０')).toEqual({ amount: 12000.5 });
    expect(readMoney('¥ 3 110')).toEqual({ amount: 3110 });
    expect(parseMoney('6220')).toBe(6220);
  });

  it('treats an emptied field as no value', () => {
    expect(readMoney('')).toEqual({});
    expect(parseMoney('  ')).toBeUndefined();
  });

  it('flags an amount finer than a fen but keeps the number, so the form check refuses it', () => {
    expect(readMoney('12.345')).toEqual({ amount: 12.345, problem: 'decimals' });
    expect(parseMoney('12.345')).toBe(12.345);
  });

  it('keeps text that is not a number as typed, so it is refused rather than replaced', () => {
    expect(readMoney('一千')).toEqual({ problem: 'number' });
    expect(parseMoney('12a')).toBe('12a');
    expect(parseMoney('1.2.3')).toBe('1.2.3');
  });

  it('shows amounts with thousands separators and two decimals', () => {
    expect(showMoney(12000.5)).toBe('12,000.50');
    expect(showMoney(0)).toBe('0.00');
    expect(showMoney(1234567.891)).toBe('1,234,567.89');
    expect(showMoney(undefined)).toBe('');
    expect(showMoney('12a')).toBe('12a');
  });
});

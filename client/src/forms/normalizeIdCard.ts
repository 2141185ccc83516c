const FULL_WIDTH_OFFSET = 0xfee0;

/**
 * What people actually type into an ID field: full-width digits from a Chinese IME, a lower-case
 * x, spaces from copying a printed number. All of it is forgiven rather than refused.
 * @example normalizeIdCard('１１０１ 0519491231002x') // '11010519491231002X'
 */
export function normalizeIdCard(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\s+/g, '')
    .toUpperCase()
    .slice(0, 18);
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0D]/g;

/**
 * Full-width digits and dashes (typed with a Chinese keyboard) as ASCII; spaces dropped.
 * @example toAsciiDigits('１３８ ００１３ ８０００') // '13800138000'
 */
export const toAsciiDigits = (text: string) => text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, '');

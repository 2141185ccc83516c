/** Languages: zh-CN first, en beside it. Feature catalogs live next to these files. */
export { LocaleProvider } from './LocaleProvider';
export type { Locale } from './LocaleContext';
export { useLocale } from './useLocale';
export { useT, useLocalize, type Translate } from './useT';
export { defineCatalog, localizeText, type Catalog } from './catalog';
export { commonText } from './common';
export { labelText, labelOr, type LabelKey } from './labels';
export { useErrorMessage } from './useErrorMessage';

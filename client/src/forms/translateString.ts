import { englishStringTranslator, replaceStringParameters, TranslatableString } from '@rjsf/utils';
import type { Locale } from '../i18n';

/** rjsf's own words (buttons, array titles) in Chinese; anything missing stays in English. */
const ZH: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '第 %1 项',
  [TranslatableString.EmptyArray]: '暂无内容，点击下方按钮添加。',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: '请修改以下内容',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加一项',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.NowLabel]: '现在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.AriaDateLabel]: '选择日期',
  [TranslatableString.PreviewLabel]: '预览',
  [TranslatableString.ClearButton]: '清空',
  [TranslatableString.OptionalObjectAdd]: '填写此项',
  [TranslatableString.OptionalObjectRemove]: '不填此项',
  [TranslatableString.OptionalObjectEmptyMsg]: '未填写',
  [TranslatableString.OptionPrefix]: '选项 %1',
};

export function translatorFor(locale: Locale) {
  if (locale === 'en') return englishStringTranslator;
  return (key: TranslatableString, params?: string[]) => replaceStringParameters(ZH[key] ?? key, params);
}

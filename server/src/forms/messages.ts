import type { Locale } from './form-document';

/**
 * Every message the forms layer writes itself, zh-CN first with English beside it. Placeholders in
 * braces are filled from the error's params; a param that is itself `{ 'zh-CN', en }` is picked by locale.
 * Schemas reach these texts through ajv-errors: `"errorMessage": { "minItems": "msg:investigatorsMin" }`.
 */
export const MESSAGES: Record<string, Record<Locale, string>> = {
  required: { 'zh-CN': '此项为必填项', en: 'is required' },
  // What to do, naming the field: "请填写户主姓名" rather than "此项为必填项".
  'required.fill': { 'zh-CN': '请填写{title}', en: 'Please fill in {title}' },
  'required.choose': { 'zh-CN': '请选择{title}', en: 'Please choose {title}' },
  type: { 'zh-CN': '应为{type}', en: 'must be {type}' },
  'type.string': { 'zh-CN': '文本', en: 'text' },
  'type.number': { 'zh-CN': '数字', en: 'a number' },
  'type.integer': { 'zh-CN': '整数', en: 'a whole number' },
  'type.boolean': { 'zh-CN': '是或否', en: 'yes or no' },
  'type.object': { 'zh-CN': '一组填写内容', en: 'an object' },
  'type.array': { 'zh-CN': '列表', en: 'a list' },
  'type.null': { 'zh-CN': '空值', en: 'empty' },
  minimum: { 'zh-CN': '不能小于 {limit}', en: 'must be at least {limit}' },
  maximum: { 'zh-CN': '不能大于 {limit}', en: 'must be at most {limit}' },
  exclusiveMinimum: { 'zh-CN': '应大于 {limit}', en: 'must be greater than {limit}' },
  exclusiveMaximum: { 'zh-CN': '应小于 {limit}', en: 'must be less than {limit}' },
  multipleOf: { 'zh-CN': '应为 {multipleOf} 的整数倍', en: 'must be a multiple of {multipleOf}' },
  minLength: { 'zh-CN': '至少填写 {limit} 个字', en: 'must be at least {limit} characters long' },
  maxLength: { 'zh-CN': '不能超过 {limit} 个字', en: 'must be at most {limit} characters long' },
  pattern: { 'zh-CN': '格式不正确', en: 'is not in the expected format' },
  minItems: { 'zh-CN': '至少填写 {limit} 项', en: 'must have at least {limit} entries' },
  maxItems: { 'zh-CN': '最多填写 {limit} 项', en: 'must have at most {limit} entries' },
  'minItems.files': { 'zh-CN': '至少上传 {limit} 个文件', en: 'upload at least {limit} files' },
  'maxItems.files': { 'zh-CN': '最多上传 {limit} 个文件', en: 'upload at most {limit} files' },
  uniqueItems: { 'zh-CN': '第 {second} 项与第 {first} 项重复', en: 'entry {second} repeats entry {first}' },
  enum: { 'zh-CN': '应为以下选项之一：{values}', en: 'must be one of: {values}' },
  enumLong: { 'zh-CN': '不是可选的选项', en: 'is not one of the allowed options' },
  const: { 'zh-CN': '应为“{value}”', en: 'must be "{value}"' },
  constTrue: { 'zh-CN': '须勾选确认', en: 'must be confirmed' },
  'format.date': { 'zh-CN': '应为真实日期，格式 YYYY-MM-DD，在 1900-01-02 至 2100-12-31 之间', en: 'must be a real date as YYYY-MM-DD, from 1900-01-02 to 2100-12-31' },
  'format.date-time': { 'zh-CN': '应为日期时间，如 2017-03-01T09:30:00+08:00', en: 'must be a date and time such as 2017-03-01T09:30:00+08:00' },
  'format.time': { 'zh-CN': '应为时间，如 09:30:00', en: 'must be a time such as 09:30:00' },
  'format.email': { 'zh-CN': '电子邮箱格式不正确', en: 'must be an e-mail address' },
  'format.uri': { 'zh-CN': '网址格式不正确', en: 'must be a URL' },
  'format.mobile': { 'zh-CN': '手机号应为 11 位数字，以 13–19 开头', en: 'must be an 11-digit mobile number starting with 13–19' },
  'format.phone': { 'zh-CN': '应为手机号或带区号的固定电话，如 0753-4432100', en: 'must be a mobile number or a landline with its area code, e.g. 0753-4432100' },
  'format.landline': { 'zh-CN': '应为带区号的固定电话，如 0753-4432100', en: 'must be a landline with its area code, e.g. 0753-4432100' },
  'format.money': { 'zh-CN': '金额应为不小于 0 的数，最多两位小数', en: 'must be an amount of at least 0 with at most two decimals' },
  'format.file-ref': { 'zh-CN': '附件编号无效，请重新上传', en: 'the attachment is not valid; upload the file again' },
  'format.bank-account': { 'zh-CN': '银行账号应为 12–25 位数字', en: 'must be a bank account number of 12–25 digits' },
  'format.id-card.length': { 'zh-CN': '身份证号应为 18 位', en: 'an ID number has 18 characters' },
  'format.id-card.characters': { 'zh-CN': '身份证号前 17 位应为数字，末位为数字或大写 X', en: 'an ID number is 17 digits followed by a digit or a capital X' },
  'format.id-card.region': { 'zh-CN': '身份证号开头的地区码无效', en: 'the region code at the start of the ID number is not valid' },
  'format.id-card.birthDate': { 'zh-CN': '身份证号中的出生日期无效', en: 'the birth date in the ID number is not a real date' },
  'format.id-card.checksum': { 'zh-CN': '身份证号校验码不正确，请核对', en: 'the check character of the ID number is wrong; please check the number' },
  'idCardMatches.birthDate': { 'zh-CN': '与身份证号中的出生日期（{expected}）不一致', en: 'does not match the birth date in the ID number ({expected})' },
  'idCardMatches.sex': { 'zh-CN': '与身份证号显示的性别（{expected}）不一致', en: 'does not match the sex given by the ID number ({expectedEn})' },
  'headIsMember.differs': { 'zh-CN': '应与第 {index} 位家庭成员（户主）一致：{value}', en: 'must be the same as member {index} (the head of household): {value}' },
  'perCapitaIncome.net': { 'zh-CN': '家庭可支配收入应为 {expected} 元（各项收入合计减生产经营性支出）', en: 'net income must be {expected} yuan (income items minus production costs)' },
  'perCapitaIncome.perCapita': {
    'zh-CN': '人均可支配收入应为 {expected} 元（家庭可支配收入 {net} 元 ÷ {size} 人），误差不能超过 {tolerance} 元',
    en: 'per-capita income must be {expected} yuan (net income {net} / {size} people), within {tolerance} yuan',
  },
  'x-compute': { 'zh-CN': '应为 {expected}（由其他字段计算得出，请重新计算）', en: 'must be {expected}, computed from the other fields; compute it again' },
  'dateRange.order': { 'zh-CN': '不能早于{fromTitle}', en: 'must not be before {fromTitle}' },
  'dateRange.minDays': { 'zh-CN': '期限至少 {minDays} 天（含首尾两天），现为 {days} 天', en: 'the period must be at least {minDays} days counting both ends; it is {days}' },
  'dateRange.maxDays': { 'zh-CN': '期限最多 {maxDays} 天（含首尾两天），现为 {days} 天', en: 'the period must be at most {maxDays} days counting both ends; it is {days}' },
  'sumAtMost.sum': { 'zh-CN': '{fields}之和（{sum}）不能超过{limitTitle}（{limit}）', en: '{fields} add up to {sum}, more than {limitTitle} ({limit})' },
  'sumAtMost.single': { 'zh-CN': '{fields}（{sum}）不能超过{limitTitle}（{limit}）', en: '{fields} ({sum}) must not exceed {limitTitle} ({limit})' },
  sumEquals: { 'zh-CN': '各项合计 {sum} 元，与{totalTitle}（{total} 元）不一致', en: 'the entries add up to {sum} yuan, not {totalTitle} ({total} yuan)' },
  uniqueBy: { 'zh-CN': '与第 {other} 项重复', en: 'repeats entry {other}' },
  majority: {
    'zh-CN': '{votesTitle}（{votes}）未超过{totalTitle}（{total}）的半数，不能为“{passed}”',
    en: '{votesTitle} ({votes}) is not more than half of {totalTitle} ({total}), so the result cannot be "{passed}"',
  },
  'quorum.more-than-half': {
    'zh-CN': '{kind}须有过半数参加：{eligibleTitle} {eligible}，{attendedTitle}至少 {needed}，现为 {attended}',
    en: 'a {kind} needs more than half to attend: {eligible} entitled, at least {needed} needed, {attended} attended',
  },
  'quorum.at-least-two-thirds': {
    'zh-CN': '{kind}须有三分之二以上参加：{eligibleTitle} {eligible}，{attendedTitle}至少 {needed}，现为 {attended}',
    en: 'a {kind} needs at least two thirds to attend: {eligible} entitled, at least {needed} needed, {attended} attended',
  },
  oneHead: { 'zh-CN': '家庭成员中须有且只有一位户主', en: 'the members must include exactly one head of household' },
  investigatorsMin: { 'zh-CN': '调查核实人员至少 2 名', en: 'at least 2 investigators are required' },
  exclusionRuleMissing: { 'zh-CN': '县配置的每条排除规则都须逐条核查并写明依据，缺少其中一条', en: 'every exclusion rule the county configures must be checked with its evidence; one is missing' },
  visitorsWorkTeam: { 'zh-CN': '入户核实须有驻村工作组成员参加', en: 'a member of the village work team must take part in the visit' },
  visitorsVillageCommittee: { 'zh-CN': '入户核实须有村两委成员参加', en: 'a member of the village committee must take part in the visit' },
  inspectorsMin: { 'zh-CN': '验收人员至少 2 名', en: 'at least 2 inspectors are required' },
  dangerGradeCD: { 'zh-CN': '仅 C级 或 D级 危房可申请危房改造', en: 'only houses graded C or D may apply for renovation' },
  assuranceMet: { 'zh-CN': '须达到此项标准方可提出退出', en: 'this standard must be met before exit can be proposed' },
  onlyHomeConfirmed: { 'zh-CN': '危房改造仅限唯一住房，须确认', en: 'renovation is only for the only home; please confirm' },
  bidEvaluationCommittee: { 'zh-CN': '评标委员会至少 5 人', en: 'the evaluation committee needs at least 5 members' },
  villageName: { 'zh-CN': '应为行政村或社区全称，如“董源村”', en: 'must be the full name of the village or community, e.g. 董源村' },
  personName: { 'zh-CN': '姓名不能含数字或符号', en: 'a name may not contain digits or symbols' },
  documentNumber: { 'zh-CN': '文号格式应如“华扶办〔2017〕15号”', en: 'a document number looks like 华扶办〔2017〕15号' },
  fileRef: { 'zh-CN': '附件编号无效，请重新上传', en: 'the attachment reference is not valid; upload the file again' },
};

/** The prefix that marks an `errorMessage` text as a key into `MESSAGES`. */
export const MESSAGE_KEY_PREFIX = 'msg:';

function paramText(value: unknown, locale: Locale): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && locale in value) {
    return String((value as Record<Locale, unknown>)[locale]);
  }
  return String(value);
}

/** The message for `key` in `locale` with its placeholders filled; `undefined` when the catalog has no such key. */
export function formatMessage(key: string, locale: Locale, params: Record<string, unknown> = {}): string | undefined {
  const texts = MESSAGES[key];
  if (texts === undefined) return undefined;
  return texts[locale].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? paramText(params[name], locale) : whole));
}

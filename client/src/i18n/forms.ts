import { defineCatalog } from './catalog';

/** Feedback of the form widgets while a value is typed. */
export const formsText = defineCatalog({
  'zh-CN': {
    choose: '请选择',
    idPlaceholder: '18 位身份证号',
    idTyping: '已输入 {n}/18 位',
    idValid: '身份证号有效：{birth} 出生，{sex}，{age} 岁',
    idExpected: '按前 17 位计算，末位应为 {check}',
    male: '男',
    female: '女',
    moneyPlaceholder: '填写金额（元）',
    errorSummary: '还有 {n} 处需要填写或修改，点击可跳到该处：',
    sectionErrors: '{n} 处待改',
  },
  en: {
    choose: 'Choose…',
    idPlaceholder: '18-character ID number',
    idTyping: '{n} of 18 characters',
    idValid: 'Valid ID: born {birth}, {sex}, {age} years old',
    idExpected: 'From the first 17 digits the last character should be {check}',
    male: 'male',
    female: 'female',
    moneyPlaceholder: 'amount in yuan',
    errorSummary: '{n} fields need your attention; click one to go there:',
    sectionErrors: '{n} to fix',
  },
});

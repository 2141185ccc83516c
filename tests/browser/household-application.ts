import { idCardCheckCharacter } from '../../server/src/forms';

/** A valid 身份证号 from its first 17 characters. */
export const idNumber = (body17: string) => `${body17}${idCardCheckCharacter(body17)}`;

export const HEAD_ID = idNumber('44142419720416301');
export const SPOUSE_ID = idNumber('44142419750902302');
export const MASKED_HEAD_ID = `441424********${HEAD_ID.slice(-4)}`;

/** 黄伟强's household of two, as the village clerk types it from the paper application. */
export const APPLICATION = {
  household: {
    address: { town: '华城镇', village: '董源村', group: '第五村民小组' },
    head: { name: '黄伟强', sex: '男', idNumber: HEAD_ID, ethnicity: '汉族', phone: '13715320417' },
    category: '一般贫困户',
    mainCause: '因病',
    otherCauses: ['缺技术'],
    members: [
      {
        name: '黄伟强', relation: '户主', sex: '男', idNumber: HEAD_ID, birthDate: '1972-04-16', education: '初中',
        health: '长期慢性病', illness: '风湿性关节炎', labour: '弱劳动力或半劳动力', workLocation: '乡镇内', workMonths: 5, medicalInsurance: true, pensionInsurance: true,
      },
      {
        name: '刘美兰', relation: '配偶', sex: '女', idNumber: SPOUSE_ID, birthDate: '1975-09-02', education: '小学',
        health: '健康', labour: '普通劳动力', workLocation: '县内', workMonths: 8, medicalInsurance: true, pensionInsurance: true,
      },
    ],
    income: {
      year: 2016, wageIncome: 4800, productionIncome: 2600, propertyIncome: 0,
      transferIncome: { minimumLivingAllowance: 0, fiveGuaranteesAllowance: 0, pension: 0, ecoCompensation: 120, other: 0 },
      productionCosts: 1300,
    },
    livingConditions: { cultivatedLand: 1.2, safeDrinkingWater: true, electricity: true, roadType: '泥土路', houseArea: 60, houseStructure: '土木', dangerGrade: 'C级' },
    bankName: '广东五华农村商业银行华城支行', bankAccount: '6229370012340416301', accountHolder: '黄伟强',
  },
  applicationDate: '2016-10-12',
  filledBy: '曾繁荣',
};

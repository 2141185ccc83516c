import type { Locale } from '../../server/src/forms';
import { allForms, exampleOf, formByKey, validator } from './form-fixtures';

/** One refused submission: the form's example changed by `change`, with the message expected at `pointer`. */
interface InvalidCase {
  form: string;
  name: string;
  change: (data: any) => void;
  pointer: string;
  zh: string;
  en?: string;
}

const repeat = <T>(item: T, times: number): T[] => Array.from({ length: times }, () => structuredClone(item));

const meetingCases = (form: string): InvalidCase[] => [
  { form, name: 'more attendees than entitled', change: (d) => { d.attendeeCount = d.eligibleCount + 1; }, pointer: '/attendeeCount', zh: '不能超过应到人数', en: 'must not exceed Entitled to attend' },
  { form, name: 'more votes than attendees', change: (d) => { d.votesAgainst = d.attendeeCount; }, pointer: '/votesFor', zh: '赞成票、反对票、弃权票之和' },
  { form, name: 'passed without a majority', change: (d) => { d.votesFor = 5; }, pointer: '/result', zh: '未超过实到人数', en: 'is not more than half' },
  { form, name: 'an unknown meeting type', change: (d) => { d.meetingType = '党员大会'; }, pointer: '/meetingType', zh: '应为以下选项之一：村民大会、村民代表大会' },
  { form, name: 'a representatives\' meeting short of two thirds', change: (d) => { Object.assign(d, { meetingType: '村民代表大会', eligibleCount: 45, attendeeCount: 29, votesFor: 25, votesAgainst: 2, abstentions: 2 }); }, pointer: '/attendeeCount', zh: '村民代表大会须有三分之二以上参加：应到人数 45，实到人数至少 30，现为 29', en: 'at least two thirds' },
  { form, name: 'a villagers\' assembly of exactly half', change: (d) => { Object.assign(d, { meetingType: '村民大会', eligibleCount: 400, attendeeCount: 200, votesFor: 150, votesAgainst: 30, abstentions: 20 }); }, pointer: '/attendeeCount', zh: '村民大会须有过半数参加：应到人数 400，实到人数至少 201，现为 200', en: 'more than half' },
];
const noticeCases = (form: string): InvalidCase[] => [
  { form, name: 'a notice period of 5 days', change: (d) => { d.postedUntil = addDays(d.postedFrom, 4); }, pointer: '/postedUntil', zh: '期限至少 7 天（含首尾两天），现为 5 天', en: 'at least 7 days' },
  { form, name: 'an end before the start', change: (d) => { d.postedUntil = addDays(d.postedFrom, -1); }, pointer: '/postedUntil', zh: '不能早于公示开始日期' },
  { form, name: 'no posting place', change: (d) => { d.places = []; }, pointer: '/places', zh: '至少填写 1 项' },
  { form, name: 'a phone without area code', change: (d) => { d.contactPhone = '4432100'; }, pointer: '/contactPhone', zh: '固定电话' },
];
const objectionReviewCases = (form: string): InvalidCase[] => [
  { form, name: 'a single investigator', change: (d) => { d.investigators = d.investigators.slice(0, 1); }, pointer: '/investigators', zh: '调查核实人员至少 2 名', en: 'at least 2 investigators' },
  { form, name: 'an unknown decision', change: (d) => { d.decision = 'maybe'; }, pointer: '/decision', zh: '应为以下选项之一：异议不成立、异议成立', en: 'must be one of: Dismissed, Upheld' },
  { form, name: 'upheld without saying what follows', change: (d) => { d.decision = 'upheld'; }, pointer: '/upheldAction', zh: '请选择异议成立后的处理' },
];
const reviewCases = (form: string): InvalidCase[] => [
  { form, name: 'a reviewer name with digits', change: (d) => { d.reviewer = '魏志明2'; }, pointer: '/reviewer', zh: '姓名不能含数字或符号' },
  { form, name: 'an impossible review date', change: (d) => { d.reviewDate = '2017-02-29'; }, pointer: '/reviewDate', zh: '应为真实日期' },
];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const APP = 'household-identification.application';
const CASES: InvalidCase[] = [
  // 贫困户申请: the household record with its members and income.
  { form: APP, name: 'a wrong ID check character', change: (d) => { d.household.members[0].idNumber = '441424196803153013'; }, pointer: '/household/members/0/idNumber', zh: '身份证号校验码不正确', en: 'check character of the ID number is wrong' },
  { form: APP, name: 'an ID with an impossible birth date', change: (d) => { d.household.members[1].idNumber = '441424197002303029'; }, pointer: '/household/members/1/idNumber', zh: '身份证号中的出生日期无效' },
  { form: APP, name: 'a birth date other than the ID’s', change: (d) => { d.household.members[1].birthDate = '1970-07-23'; }, pointer: '/household/members/1/birthDate', zh: '与身份证号中的出生日期（1970-07-22）不一致', en: 'does not match the birth date in the ID number (1970-07-22)' },
  { form: APP, name: 'a sex other than the ID’s', change: (d) => { d.household.members[2].sex = '女'; }, pointer: '/household/members/2/sex', zh: '与身份证号显示的性别（男）不一致', en: 'sex given by the ID number (male)' },
  { form: APP, name: 'a head whose sex contradicts the ID', change: (d) => { d.household.head.sex = '女'; }, pointer: '/household/head/sex', zh: '与身份证号显示的性别（男）不一致' },
  { form: APP, name: 'a negative income', change: (d) => { d.household.income.wageIncome = -100; }, pointer: '/household/income/wageIncome', zh: '金额应为不小于 0 的数', en: 'amount of at least 0' },
  { form: APP, name: 'an amount with three decimals', change: (d) => { d.household.income.productionIncome = 5200.125; }, pointer: '/household/income/productionIncome', zh: '最多两位小数' },
  { form: APP, name: 'a wrong per-capita income', change: (d) => { d.household.income.perCapitaIncome = 3400; }, pointer: '/household/income/perCapitaIncome', zh: '人均可支配收入应为 3243.33 元（家庭可支配收入 19460 元 ÷ 6 人）', en: 'per-capita income must be 3243.33 yuan (net income 19460 / 6 people)' },
  { form: APP, name: 'a per-capita income not divided by the members listed', change: (d) => { d.household.members.splice(3, 1); }, pointer: '/household/income/perCapitaIncome', zh: '人均可支配收入应为 3892 元（家庭可支配收入 19460 元 ÷ 5 人）' },
  { form: APP, name: 'a wrong net income', change: (d) => { d.household.income.netIncome = 20000; }, pointer: '/household/income/netIncome', zh: '家庭可支配收入应为 19460 元' },
  { form: APP, name: '21 members', change: (d) => { d.household.members = repeat(d.household.members[2], 21); }, pointer: '/household/members', zh: '最多填写 20 项', en: 'at most 20 entries' },
  { form: APP, name: 'no members', change: (d) => { d.household.members = []; }, pointer: '/household/members', zh: '至少填写 1 项' },
  { form: APP, name: 'two heads of household', change: (d) => { d.household.members[1].relation = '户主'; }, pointer: '/household/members', zh: '家庭成员中须有且只有一位户主', en: 'exactly one head of household' },
  { form: APP, name: 'no head of household', change: (d) => { d.household.members[0].relation = '其他'; }, pointer: '/household/members', zh: '家庭成员中须有且只有一位户主' },
  { form: APP, name: 'one person listed twice', change: (d) => { d.household.members.push({ ...d.household.members[0], relation: '其他' }); }, pointer: '/household/members/6/idNumber', zh: '与第 1 项重复', en: 'repeats entry 1' },
  { form: APP, name: 'a 低保 household without its 低保 certificate', change: (d) => { d.household.category = '低保户'; }, pointer: '/household/minimumLivingCertNo', zh: '请填写低保证号', en: 'Please fill in Minimum living certificate number' },
  { form: APP, name: 'a disabled member without a grade', change: (d) => { delete d.household.members[5].disabilityGrade; }, pointer: '/household/members/5/disabilityGrade', zh: '此项为必填项' },
  { form: APP, name: 'a pupil without a school stage', change: (d) => { delete d.household.members[3].schoolStage; }, pointer: '/household/members/3/schoolStage', zh: '此项为必填项' },
  { form: APP, name: 'a malformed disability certificate number', change: (d) => { d.household.members[5].disabilityCertNo = '4414241945052630629'; }, pointer: '/household/members/5/disabilityCertNo', zh: '格式不正确' },
  { form: APP, name: 'a village given in pinyin', change: (d) => { d.household.address.village = 'Dongyuan'; }, pointer: '/household/address/village', zh: '应为行政村或社区全称' },
  { form: APP, name: 'an address without its villagers’ group', change: (d) => { delete d.household.address.group; }, pointer: '/household/address/group', zh: '此项为必填项' },
  { form: APP, name: 'a town outside the county', change: (d) => { d.household.address.town = '兴宁市'; }, pointer: '/household/address/town', zh: '不是可选的选项' },
  { form: APP, name: 'a category that does not exist', change: (d) => { d.household.category = '困难户'; }, pointer: '/household/category', zh: '应为以下选项之一：一般贫困户、扶贫低保户、低保户、五保户', en: 'must be one of: 一般贫困户, 扶贫低保户, 低保户, 五保户' },
  { form: APP, name: 'a cause named twice', change: (d) => { d.household.otherCauses = ['因学', '因学']; }, pointer: '/household/otherCauses', zh: '第 2 项与第 1 项重复' },
  { form: APP, name: 'a head phone that is no number', change: (d) => { d.household.head.phone = '1371532184'; }, pointer: '/household/head/phone', zh: '应为手机号或带区号的固定电话' },
  { form: APP, name: 'a bank account with spaces', change: (d) => { d.household.bankAccount = '6229 3700 1234 5678'; }, pointer: '/household/bankAccount', zh: '银行账号应为 12–25 位数字' },
  { form: APP, name: 'an attachment path that climbs out', change: (d) => { d.applicationRef = '../etc/passwd'; }, pointer: '/applicationRef', zh: '附件编号无效' },
  { form: APP, name: 'months of work beyond a year', change: (d) => { d.household.members[0].workMonths = 13; }, pointer: '/household/members/0/workMonths', zh: '不能大于 12', en: 'must be at most 12' },
  { form: APP, name: 'a count of months as text', change: (d) => { d.household.members[0].workMonths = '8'; }, pointer: '/household/members/0/workMonths', zh: '应为整数', en: 'must be a whole number' },

  { form: 'household-identification.verification', name: 'a single visitor', change: (d) => { d.visitors = d.visitors.slice(0, 1); }, pointer: '/visitors', zh: '调查核实人员至少 2 名' },
  { form: 'household-identification.verification', name: 'visitors only of the village committee', change: (d) => { d.visitors = d.visitors.map((v: any) => ({ ...v, body: '村两委' })); }, pointer: '/visitors', zh: '入户核实须有驻村工作组成员参加' },
  { form: 'household-identification.verification', name: 'visitors only of the work team', change: (d) => { d.visitors = d.visitors.map((v: any) => ({ ...v, body: '驻村工作组' })); }, pointer: '/visitors', zh: '入户核实须有村两委成员参加' },
  { form: 'household-identification.verification', name: 'an exclusion rule left out', change: (d) => { d.exclusionChecks = d.exclusionChecks.slice(1); }, pointer: '/exclusionChecks', zh: '县配置的每条排除规则都须逐条核查并写明依据' },
  { form: 'household-identification.verification', name: 'an exclusion rule checked twice', change: (d) => { d.exclusionChecks.push(d.exclusionChecks[0]); }, pointer: '/exclusionChecks/5/rule', zh: '与第 1 项重复' },
  { form: 'household-identification.verification', name: 'a correction asked for without a reason', change: (d) => { d.conclusion = '需补正'; }, pointer: '/reason', zh: '请填写原因' },
  { form: 'household-identification.verification', name: 'a danger grade that does not exist', change: (d) => { d.livingConditions.dangerGrade = 'B级'; }, pointer: '/livingConditions/dangerGrade', zh: '应为以下选项之一：否、C级、D级' },
  ...meetingCases('household-identification.villagerAppraisal'),
  ...noticeCases('household-identification.publicNotice'),
  ...objectionReviewCases('household-identification.objectionReview'),
  ...reviewCases('household-identification.preliminaryOpinion'),
  { form: 'household-identification.townReview', name: 'a spot check without findings', change: (d) => { delete d.spotCheckFindings; }, pointer: '/spotCheckFindings', zh: '请填写抽查情况' },
  ...noticeCases('household-identification.secondNotice'),
  { form: 'household-identification.countyApproval', name: 'an approval without decision number', change: (d) => { delete d.decisionNumber; }, pointer: '/decisionNumber', zh: '此项为必填项' },
  { form: 'household-identification.countyApproval', name: 'a malformed decision number', change: (d) => { d.decisionNumber = '58号'; }, pointer: '/decisionNumber', zh: '文号格式应如', en: 'document number looks like' },
  { form: 'household-identification.announcement', name: 'more households than people', change: (d) => { d.householdCount = d.personCount + 1; }, pointer: '/householdCount', zh: '不能超过本批公告人数' },

  // 脱贫退出
  { form: 'household-exit.candidate', name: 'a house that is not safe', change: (d) => { d.assurances.safeHousing = false; }, pointer: '/assurances/safeHousing', zh: '须达到此项标准方可提出退出', en: 'must be met before exit' },
  { form: 'household-exit.candidate', name: 'a per-capita income for another household size', change: (d) => { d.householdSize = 5; }, pointer: '/income/perCapitaIncome', zh: '÷ 5 人' },
  { form: 'household-exit.candidate', name: 'no labour and no 低保 coverage', change: (d) => { d.labourCapacity = '无劳动能力'; }, pointer: '/minimumLivingCoverage', zh: '请填写低保兜底' },
  { form: 'household-exit.candidate', name: '101 help records', change: (d) => { d.helpRecords = repeat(d.helpRecords[0], 101); }, pointer: '/helpRecords', zh: '最多填写 100 项' },
  { form: 'household-exit.candidate', name: 'a help measure that does not exist', change: (d) => { d.helpRecords[0].measureType = '慰问'; }, pointer: '/helpRecords/0/measureType', zh: '应为以下选项之一：产业、就业/培训' },
  ...meetingCases('household-exit.villagerAppraisal'),
  { form: 'household-exit.householdConfirmation', name: 'a refusal without reason', change: (d) => { d.agreed = false; }, pointer: '/disagreementReason', zh: '请填写不同意的理由' },
  ...noticeCases('household-exit.publicNotice'),
  ...objectionReviewCases('household-exit.objectionReview'),
  ...reviewCases('household-exit.townReview'),
  { form: 'household-relapse.application', name: 'a relapse without its cause', change: (d) => { delete d.household.mainCause; }, pointer: '/household/mainCause', zh: '请填写返贫原因' },
  { form: 'household-relapse.application', name: 'a per-capita income for another household size', change: (d) => { d.householdSize = 5; }, pointer: '/income/perCapitaIncome', zh: '÷ 5 人' },
  { form: 'household-relapse.application', name: 'a head ID number with a wrong check character', change: (d) => { d.household.head.idNumber = '441424196803153013'; }, pointer: '/household/head/idNumber', zh: '身份证号校验码不正确' },
  { form: 'village-exit.candidate', name: 'an exit year before the plan', change: (d) => { d.year = 2015; }, pointer: '/year', zh: '不能小于 2016' },
  ...reviewCases('village-exit.townReview'),
  ...reviewCases('village-exit.countyApproval'),
  ...noticeCases('village-exit.publicNotice'),
  { form: 'villages.indicators', name: 'a negative per-capita income', change: (d) => { d.perCapitaIncome = -1; }, pointer: '/perCapitaIncome', zh: '' },
  { form: 'villages.indicators', name: 'a village without population', change: (d) => { d.registeredPopulation = 0; }, pointer: '/registeredPopulation', zh: '不能小于 1' },
  { form: 'household-relapse.countyApproval', name: 'an approval without decision number', change: (d) => { delete d.decisionNumber; }, pointer: '/decisionNumber', zh: '此项为必填项' },
  { form: 'household-relapse.countyApproval', name: 'a restored measure that does not exist', change: (d) => { d.helpMeasures[0].measureType = '慰问'; }, pointer: '/helpMeasures/0/measureType', zh: '应为以下选项之一：产业、就业/培训' },
  { form: 'household-exit.countyApproval', name: 'an approval without decision number', change: (d) => { delete d.decisionNumber; }, pointer: '/decisionNumber', zh: '此项为必填项' },

  // 扶贫项目
  { form: 'project-tendering.proposed', name: 'fund sources that do not add up to the budget', change: (d) => { d.fundSources[2].amount = 100000; }, pointer: '/fundSources', zh: '各项合计 1500000 元，与总预算（1600000 元）不一致', en: 'add up to 1500000 yuan' },
  { form: 'project-tendering.proposed', name: 'a zero budget', change: (d) => { d.budget = 0; }, pointer: '/budget', zh: '应大于 0' },
  { form: 'project-tendering.proposed', name: 'a completion before the start', change: (d) => { d.plannedCompletion = '2017-05-01'; }, pointer: '/plannedCompletion', zh: '不能早于计划开工日期' },
  { form: 'project-tendering.proposed', name: 'a household linked twice', change: (d) => { d.linkedHouseholds[1].householdId = d.linkedHouseholds[0].householdId; }, pointer: '/linkedHouseholds/1/householdId', zh: '与第 1 项重复' },
  { form: 'project-tendering.proposed', name: '501 linked households', change: (d) => { d.linkedHouseholds = Array.from({ length: 501 }, (_, i) => ({ householdId: `H${i}`, headName: '曾庆华' })); }, pointer: '/linkedHouseholds', zh: '最多填写 500 项' },
  ...meetingCases('project-tendering.villageDeliberation'),
  ...reviewCases('project-tendering.townPreReview'),
  { form: 'project-tendering.countyApproval', name: 'a negative approved budget', change: (d) => { d.approvedBudget = -1; }, pointer: '/approvedBudget', zh: '金额应为不小于 0 的数' },
  { form: 'project-tendering.planNotice', name: 'a plan notice of 9 days', change: (d) => { d.postedUntil = '2017-04-09'; }, pointer: '/postedUntil', zh: '期限至少 10 天（含首尾两天），现为 9 天' },
  { form: 'project-tendering.procurement', name: 'a public tender without agency', change: (d) => { delete d.tenderAgency; }, pointer: '/tenderAgency', zh: '请填写招标代理机构' },
  { form: 'project-tendering.procurement', name: 'a route that does not exist', change: (d) => { d.route = 'auction'; }, pointer: '/route', zh: '应为以下选项之一：公开招标、政府采购、直接委托村级实施（自建自管）', en: 'must be one of: Public tender, Government procurement' },
  { form: 'project-tendering.procurement', name: 'a direct commission without a resolution', change: (d) => { d.route = 'direct_commission'; d.commissionedParty = '董源村村民委员会'; d.reason = '一事一议小型工程'; }, pointer: '/resolutionRef', zh: '请填写一事一议决议' },
  { form: 'project-tendering.tenderNotice', name: 'an open tender with 10 days to bid', change: (d) => { d.bidDeadline = '2017-04-29'; }, pointer: '/bidDeadline', zh: '期限至少 21 天' },
  { form: 'project-tendering.bidEvaluation', name: 'a committee of four', change: (d) => { d.committee = d.committee.slice(0, 4); }, pointer: '/committee', zh: '评标委员会至少 5 人' },
  { form: 'project-tendering.bidEvaluation', name: 'a score above 100', change: (d) => { d.bidders[0].score = 101; }, pointer: '/bidders/0/score', zh: '不能大于 100' },
  { form: 'project-tendering.bidEvaluation', name: 'a bidder listed twice', change: (d) => { d.bidders[2].name = d.bidders[0].name; }, pointer: '/bidders/2/name', zh: '与第 1 项重复' },
  { form: 'project-tendering.awardNotice', name: 'an award publicised for 2 days', change: (d) => { d.publicityUntil = '2017-05-13'; }, pointer: '/publicityUntil', zh: '期限至少 3 天' },
  { form: 'project-tendering.contracted', name: 'a contract of 0 yuan', change: (d) => { d.contractAmount = 0; }, pointer: '/contractAmount', zh: '应大于 0' },
  { form: 'project-tendering.inProgress', name: 'progress of 120%', change: (d) => { d.progressPercent = 120; }, pointer: '/progressPercent', zh: '不能大于 100' },
  { form: 'project-tendering.inProgress', name: 'an audit without findings', change: (d) => { delete d.trackingAudit.findings; }, pointer: '/trackingAudit/findings', zh: '请填写审计意见' },
  { form: 'project-tendering.townPreAcceptance', name: 'a single inspector', change: (d) => { d.inspectors = d.inspectors.slice(0, 1); }, pointer: '/inspectors', zh: '验收人员至少 2 名' },
  { form: 'project-tendering.countyAcceptance', name: 'a failed acceptance without deadline', change: (d) => { d.quality = '不合格'; d.rectificationRequirements = '更换隐裂组件'; }, pointer: '/rectificationDeadline', zh: '请填写整改期限' },
  { form: 'project-tendering.countyAcceptance', name: 'a quality grade that does not exist', change: (d) => { d.quality = '良好'; }, pointer: '/quality', zh: '应为以下选项之一：不合格、合格、优质' },
  { form: 'project-tendering.rectification', name: 'no evidence', change: (d) => { d.evidenceRefs = []; }, pointer: '/evidenceRefs', zh: '至少填写 1 项' },
  { form: 'project-tendering.disbursement', name: 'a retention of 15%', change: (d) => { d.retentionPercent = 15; }, pointer: '/retentionPercent', zh: '不能大于 5' },
  { form: 'project-tendering.disbursement', name: 'a payee account with letters', change: (d) => { d.payeeAccount = '4405017003010000123A'; }, pointer: '/payeeAccount', zh: '银行账号应为 12–25 位数字' },
  ...noticeCases('project-tendering.resultsNotice'),

  // 考核问责
  { form: 'assessment-escalation.finding', name: 'a source that is not on the list', change: (d) => { d.source = '媒体'; }, pointer: '/source', zh: '应为以下选项之一：督查、巡查、季度考核、年度考核、举报、审计、第三方评估' },
  { form: 'assessment-escalation.finding', name: 'a person targeted without naming them', change: (d) => { d.targetType = '个人'; }, pointer: '/targetPerson', zh: '请填写被问责人员' },
  { form: 'assessment-escalation.finding', name: 'misuse of funds without its kind', change: (d) => { d.problemType = '资金使用违规'; }, pointer: '/misuseType', zh: '请选择违规情形' },
  { form: 'assessment-escalation.finding', name: 'no evidence', change: (d) => { d.evidence = []; }, pointer: '/evidence', zh: '至少填写 1 项' },
  { form: 'assessment-escalation.circular', name: 'a malformed circular number', change: (d) => { d.documentNumber = '7号'; }, pointer: '/documentNumber', zh: '文号格式应如' },
  { form: 'assessment-escalation.rectification', name: 'a deadline before the order', change: (d) => { d.deadline = '2017-04-19'; }, pointer: '/deadline', zh: '不能早于下达日期' },
  { form: 'assessment-escalation.rectification', name: '21 measures', change: (d) => { d.measures = Array.from({ length: 21 }, (_, i) => `措施${i}`); }, pointer: '/measures', zh: '最多填写 20 项' },
  { form: 'assessment-escalation.rectificationReport', name: 'partly done without reason', change: (d) => { d.status = '部分完成'; }, pointer: '/outstandingReason', zh: '请填写未完成原因及计划' },
  { form: 'assessment-escalation.verification', name: 'a single verifier', change: (d) => { d.verifiers = d.verifiers.slice(0, 1); }, pointer: '/verifiers', zh: '至少 2 名' },
  { form: 'assessment-escalation.interview', name: 'no commitments', change: (d) => { d.commitments = []; }, pointer: '/commitments', zh: '至少填写 1 项' },
  { form: 'assessment-escalation.interview', name: 'a commitment date that does not exist', change: (d) => { d.commitments[0].deadline = '2017-07-32'; }, pointer: '/commitments/0/deadline', zh: '应为真实日期' },
  { form: 'assessment-escalation.accountability', name: 'an outcome that is not on the list', change: (d) => { d.outcome = '罚款'; }, pointer: '/outcome', zh: '应为以下选项之一：诫勉谈话' },

  // 危房改造
  { form: 'housing-renovation.application', name: 'a house that is not dangerous', change: (d) => { d.house.dangerGrade = '否'; }, pointer: '/house/dangerGrade', zh: '仅 C级 或 D级 危房可申请危房改造', en: 'only houses graded C or D' },
  { form: 'housing-renovation.application', name: 'a house that is not the only home', change: (d) => { d.house.onlyHome = false; }, pointer: '/house/onlyHome', zh: '危房改造仅限唯一住房' },
  { form: 'housing-renovation.application', name: 'a care-home placement without the home', change: (d) => { d.renovationType = '集中供养'; }, pointer: '/careHome', zh: '请填写供养机构' },
  { form: 'housing-renovation.application', name: 'a head ID with a wrong check character', change: (d) => { d.household.head.idNumber = '441424196803153010'; }, pointer: '/household/head/idNumber', zh: '身份证号校验码不正确' },
  ...meetingCases('housing-renovation.villagerAppraisal'),
  ...reviewCases('housing-renovation.townReview'),
  { form: 'housing-renovation.countyApproval', name: 'an approval without subsidy', change: (d) => { delete d.approvedSubsidy; }, pointer: '/approvedSubsidy', zh: '请填写核定补助金额（元）' },
  { form: 'housing-renovation.agreement', name: 'an agreement the household did not sign', change: (d) => { d.householdSigned = false; }, pointer: '/householdSigned', zh: '须勾选确认', en: 'must be confirmed' },
  { form: 'housing-renovation.agreement', name: 'a completion before signing', change: (d) => { d.plannedCompletion = '2017-03-01'; }, pointer: '/plannedCompletion', zh: '不能早于签订日期' },
  { form: 'housing-renovation.construction', name: 'negative progress', change: (d) => { d.progressPercent = -1; }, pointer: '/progressPercent', zh: '不能小于 0' },
  { form: 'housing-renovation.construction', name: 'no technical guidance', change: (d) => { d.technicalGuidance = []; }, pointer: '/technicalGuidance', zh: '至少填写 1 项' },
  { form: 'housing-renovation.completionAcceptance', name: 'a failed acceptance without deadline', change: (d) => { d.result = '不合格'; }, pointer: '/rectificationDeadline', zh: '请填写整改期限' },
  { form: 'housing-renovation.subsidyPayment', name: 'an account that is too short', change: (d) => { d.bankAccount = '62293700'; }, pointer: '/bankAccount', zh: '银行账号应为 12–25 位数字' },

  // 户情变更
  { form: 'household-change.start', name: 'a start without its household', change: (d) => { delete d.householdId; }, pointer: '/householdId', zh: '请填写建档立卡户' },
  { form: 'household-change.application', name: 'a birth without the new member', change: (d) => { delete d.addedMembers; }, pointer: '/addedMembers', zh: '请填写新增成员' },
  { form: 'household-change.application', name: 'a death without the member removed', change: (d) => { d.changeType = '死亡'; }, pointer: '/removedMembers', zh: '请填写减少（分出）的成员' },
  { form: 'household-change.application', name: 'a new head without the former head\'s relation', change: (d) => { Object.assign(d, { changeType: '户主变更', newHeadIdNumber: '11010519491231002X' }); }, pointer: '/formerHeadRelation', zh: '请填写原户主与新户主的关系' },
  { form: 'household-change.application', name: 'a change without evidence', change: (d) => { d.evidence = []; }, pointer: '/evidence', zh: '至少填写 1 项' },
  ...reviewCases('household-change.townReview'),
  { form: 'registry-review.start', name: 'a review year before the plan', change: (d) => { d.year = 2015; }, pointer: '/year', zh: '不能小于 2016' },
  { form: 'registry-review.roster', name: 'a household without a conclusion', change: (d) => { delete d.households[0].decision; }, pointer: '/households/0/decision', zh: '请选择复核结论' },
  { form: 'registry-review.roster', name: 'a removal without evidence', change: (d) => { delete d.households[2].evidence; }, pointer: '/households/2/evidence', zh: '请填写证明材料' },
  { form: 'registry-review.roster', name: 'a correction without its reason', change: (d) => { delete d.households[1].reason; }, pointer: '/households/1/reason', zh: '请填写理由' },
  ...reviewCases('registry-review.townReview'),
  { form: 'registry-review.countyApproval', name: 'an approval without decision number', change: (d) => { delete d.decisionNumber; }, pointer: '/decisionNumber', zh: '此项为必填项' },
  { form: 'household-change.countyApproval', name: 'an approval without decision number', change: (d) => { delete d.decisionNumber; }, pointer: '/decisionNumber', zh: '此项为必填项' },

  // 公共
  { form: 'common.objection', name: 'an objection of 2001 characters', change: (d) => { d.content = '异'.repeat(2001); }, pointer: '/content', zh: '不能超过 2000 个字', en: 'at most 2000 characters' },
  { form: 'common.objection', name: 'a named objection with a bad phone', change: (d) => { d.phone = '12345'; }, pointer: '/phone', zh: '应为手机号或带区号的固定电话' },
  { form: 'common.objection', name: 'an objection without content', change: (d) => { d.content = ''; }, pointer: '/content', zh: '至少填写 1 个字' },
  { form: 'common.comment', name: 'an empty comment', change: (d) => { d.text = ''; }, pointer: '/text', zh: '至少填写 1 个字' },
  { form: 'help.record', name: 'an entry without content', change: (d) => { d.content = ''; }, pointer: '/content', zh: '至少填写 1 个字' },
  { form: 'help.plan', name: 'a plan without measures', change: (d) => { d.measures = []; }, pointer: '/measures', zh: '至少填写 1 项' },
  { form: 'help.measure', name: 'a loan record without its term', change: (d) => { d.kind = 'microCredit'; d.loanAmount = 30000; d.interestSubsidised = true; d.lender = '五华县农村信用合作联社'; }, pointer: '/loanYears', zh: '必填' },
  { form: 'common.comment', name: 'a comment given as a number', change: (d) => { d.text = 42; }, pointer: '/text', zh: '应为文本', en: 'must be text' },
];

function refuse(c: InvalidCase, locale: Locale) {
  const data = exampleOf(c.form);
  c.change(data);
  return validator.validate(formByKey(c.form), data, locale);
}

describe('refused submissions', () => {
  it('cover every form', () => {
    const covered = new Set(CASES.map((c) => c.form));
    expect(allForms().map((f) => f.key).filter((key) => !covered.has(key))).toEqual([]);
  });

  it.each(CASES.map((c) => [c.form, c.name, c] as const))('%s refuses %s, in Chinese on the field', (_form, _name, c) => {
    const result = refuse(c, 'zh-CN');
    expect(result.valid).toBe(false);
    expect(result.fields[c.pointer]?.join(' | ') ?? `nothing at ${c.pointer}; got ${JSON.stringify(result.fields)}`).toContain(c.zh);
    for (const messages of Object.values(result.fields)) for (const message of messages) expect(message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it.each(CASES.filter((c) => c.en !== undefined).map((c) => [c.form, c.name, c] as const))(
    '%s refuses %s, in English when asked',
    (_form, _name, c) => {
      const result = refuse(c, 'en');
      expect(result.valid).toBe(false);
      expect(result.fields[c.pointer]?.join(' | ') ?? `nothing at ${c.pointer}`).toContain(c.en as string);
    },
  );
});

describe('missing required fields', () => {
  /** Required top-level fields: the root's own and those of the definitions it includes with allOf. */
  function requiredAtRoot(schema: Record<string, any>): string[] {
    const defs = schema.$defs ?? {};
    const parts = [schema, ...(schema.allOf ?? []).map((p: any) => (p.$ref ? defs[p.$ref.split('/').pop()] : p))];
    return [...new Set(parts.flatMap((p: any) => p.required ?? []))] as string[];
  }

  /** Whether the schema that requires the field also titles it (else only the generic message can be given). */
  function titledWhereRequired(schema: Record<string, any>, field: string): boolean {
    const defs = schema.$defs ?? {};
    const parts = [schema, ...(schema.allOf ?? []).map((p: any) => (p.$ref ? defs[p.$ref.split('/').pop()] : p))];
    return parts.some((p: any) => (p.required ?? []).includes(field) && typeof p.properties?.[field]?.title === 'string');
  }

  const cases = allForms().flatMap((form) => requiredAtRoot(form.schema).map((field) => [form.key, field] as const));

  it.each(cases)('%s refuses a submission without %s', (key, field) => {
    const data = exampleOf(key);
    delete data[field];
    const result = validator.validate(formByKey(key), data);
    expect(result.valid).toBe(false);
    // The message says what to do and names the field: "请填写户主姓名", "请选择会议形式".
    const [zh] = result.fields[`/${field}`] ?? [];
    const [en] = validator.validate(formByKey(key), data, 'en').fields[`/${field}`] ?? [];
    if (titledWhereRequired(formByKey(key).schema as Record<string, any>, field)) {
      expect(zh).toMatch(/^请(填写|选择)\S/);
      expect(en).toMatch(/^Please (fill in|choose) \S/);
    } else {
      expect([zh, en]).toEqual(['此项为必填项', 'is required']);
    }
  });

  it.each(allForms().map((f) => [f.key]))('%s refuses data that is not an object', (key) => {
    const result = validator.validate(formByKey(key), ['not', 'a', 'form']);
    expect(result.valid).toBe(false);
    expect(result.fields['']).toContain('应为一组填写内容');
  });
});

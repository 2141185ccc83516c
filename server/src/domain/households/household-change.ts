/**
 * 户情变更 as the registry sees it: what an application of `household-change` does to a registered
 * household, decided without I/O so the writer can check it at submission and apply it at approval
 * against the registry as it then stands.
 */

/** The change types of `schemas/household-change/application.json` (增员, 减员, 户主变更, 信息更正). */
export const CHANGE_TYPES = ['出生', '婚入', '死亡', '婚出', '分户', '户主变更', '信息更正'] as const;
export type ChangeType = typeof CHANGE_TYPES[number];

const ADDING = new Set<string>(['出生', '婚入']);
const REMOVING = new Set<string>(['死亡', '婚出', '分户']);

/** The household fields a 信息更正 may set (the rest changes through its own change type). */
export const CORRECTABLE_FIELDS = ['bankName', 'bankAccount', 'accountHolder', 'mainCause', 'phone'] as const;

type Json = Record<string, unknown>;

/** A registry row as the change reads it. */
export interface RegisteredHousehold {
  headName: string;
  headIdNumber: string;
  data: Json;
}

/** The application's data (`data.apply`). */
export interface ChangeApplication {
  changeType: ChangeType;
  addedMembers?: Json[];
  removedMembers?: Array<{ idNumber: string; name?: string }>;
  newHeadIdNumber?: string;
  formerHeadRelation?: string;
  split?: { headIdNumber: string; group?: string };
  corrections?: { household?: Json; members?: Array<{ currentIdNumber: string; member: Json }> };
}

/** The registry after the change, or field messages (JSON pointers into the application form). */
export type ChangeResult =
  | {
    ok: true;
    household: RegisteredHousehold;
    /** ID numbers that join the household (claimed by the case until approval). */
    joining: string[];
    /** ID numbers that leave it (their claims are released, or move with a split). */
    leaving: string[];
    split?: RegisteredHousehold & { moved: string[] };
  }
  | { ok: false; fields: Record<string, string[]> };

/** An ID number as claims store it. */
export function normaliseIdNumber(value: unknown): string {
  return typeof value === 'string' ? value.trim().toUpperCase() : '';
}

function membersOf(data: Json): Json[] {
  return Array.isArray(data.members) ? (data.members as Json[]).map((m) => ({ ...m })) : [];
}

/** The head block of a member who becomes head; ethnicity and the household's phone stay the household's. */
function headFrom(member: Json, before: Json): Json {
  return { ...before, name: member.name, sex: member.sex, idNumber: member.idNumber };
}

/**
 * Applies `application` to `current`. Refuses (with the field to fix) a member to remove who is not
 * in the household, one to add who already is, a new head who is not a member, and a change that
 * would leave a household without members or without a head.
 */
export function applyChange(current: RegisteredHousehold, application: ChangeApplication): ChangeResult {
  const fields: Record<string, string[]> = {};
  const refuse = (pointer: string, message: string) => { (fields[pointer] ??= []).push(message); };
  const data: Json = structuredClone(current.data ?? {});
  let members = membersOf(data);
  const headId = normaliseIdNumber(current.headIdNumber);
  const indexOf = (idNumber: string) => members.findIndex((m) => normaliseIdNumber(m.idNumber) === normaliseIdNumber(idNumber));
  const joining: string[] = [];
  const leaving: string[] = [];
  let head = (data.head ?? { name: current.headName, idNumber: current.headIdNumber }) as Json;
  let split: (RegisteredHousehold & { moved: string[] }) | undefined;
  const type = application.changeType;

  const setHead = (idNumber: string, pointer: string, formerRelation?: string) => {
    const i = indexOf(idNumber);
    if (i < 0) { refuse(pointer, '新户主须是本户现有成员，请按户口簿填写其身份证号'); return; }
    const formerIndex = indexOf(headId);
    if (formerIndex >= 0 && formerIndex !== i) {
      if (formerRelation) members[formerIndex] = { ...members[formerIndex], relation: formerRelation };
      else if (type === '户主变更') refuse('/formerHeadRelation', '请选择原户主与新户主的关系');
    }
    members[i] = { ...members[i], relation: '户主' };
    head = headFrom(members[i], head);
  };

  if (ADDING.has(type)) {
    const added = application.addedMembers ?? [];
    if (added.length === 0) refuse('/addedMembers', '请填写新增的家庭成员');
    added.forEach((member, i) => {
      const idNumber = normaliseIdNumber(member.idNumber);
      if (indexOf(idNumber) >= 0 || added.findIndex((m) => normaliseIdNumber(m.idNumber) === idNumber) !== i) {
        refuse(`/addedMembers/${i}/idNumber`, '此人已是本户成员，不能重复增员');
        return;
      }
      if (member.relation === '户主') refuse(`/addedMembers/${i}/relation`, '新增成员不能是户主；更换户主请办理户主变更');
      joining.push(idNumber);
      members.push({ ...member });
    });
  }

  if (REMOVING.has(type)) {
    const removed = application.removedMembers ?? [];
    if (removed.length === 0) refuse('/removedMembers', type === '分户' ? '请填写分出的家庭成员' : '请填写减少的家庭成员');
    const removedIds: string[] = [];
    removed.forEach((r, i) => {
      const idNumber = normaliseIdNumber(r.idNumber);
      if (indexOf(idNumber) < 0) refuse(`/removedMembers/${i}/idNumber`, '本户没有此身份证号的成员，请核对');
      else if (removedIds.includes(idNumber)) refuse(`/removedMembers/${i}/idNumber`, '同一成员填写了两次');
      else removedIds.push(idNumber);
    });
    if (removedIds.length > 0 && removedIds.length >= members.length) {
      refuse('/removedMembers', '不能减去全部家庭成员：户内至少保留一人');
    }
    const moved = members.filter((m) => removedIds.includes(normaliseIdNumber(m.idNumber)));
    members = members.filter((m) => !removedIds.includes(normaliseIdNumber(m.idNumber)));
    leaving.push(...removedIds);
    if (removedIds.includes(headId)) {
      if (!application.newHeadIdNumber) refuse('/newHeadIdNumber', '户主减员后须指定留在本户的新户主');
      else setHead(application.newHeadIdNumber, '/newHeadIdNumber');
    }
    if (type === '分户' && moved.length > 0) {
      const newHeadId = normaliseIdNumber(application.split?.headIdNumber);
      const headIndex = moved.findIndex((m) => normaliseIdNumber(m.idNumber) === newHeadId);
      if (headIndex < 0) {
        refuse('/split/headIdNumber', '新户户主须是分出的成员之一');
      } else {
        const movedMembers = moved.map((m, i) => (i === headIndex ? { ...m, relation: '户主' } : m));
        const address = { ...(data.address as Json | undefined ?? {}), ...(application.split?.group ? { group: application.split.group } : {}) };
        const newHead = headFrom(movedMembers[headIndex], head);
        const { bankName: _bankName, bankAccount: _bankAccount, accountHolder: _accountHolder, ...shared } = data;
        split = {
          headName: String(newHead.name ?? ''), headIdNumber: newHeadId, moved: removedIds,
          data: { ...shared, address, head: newHead, members: movedMembers },
        };
      }
    }
  }

  if (type === '户主变更') {
    if (!application.newHeadIdNumber) refuse('/newHeadIdNumber', '请填写新户主的身份证号');
    else if (normaliseIdNumber(application.newHeadIdNumber) === headId) refuse('/newHeadIdNumber', '此人已是户主');
    else setHead(application.newHeadIdNumber, '/newHeadIdNumber', application.formerHeadRelation);
  }

  if (type === '信息更正') {
    const corrections = application.corrections ?? {};
    const householdFields = Object.entries(corrections.household ?? {}).filter(([key]) => (CORRECTABLE_FIELDS as readonly string[]).includes(key));
    const memberFixes = corrections.members ?? [];
    if (householdFields.length === 0 && memberFixes.length === 0) refuse('/corrections', '请填写要更正的户信息或成员信息');
    for (const [key, value] of householdFields) {
      if (key === 'phone') head = { ...head, phone: value };
      else data[key] = value;
    }
    memberFixes.forEach((fix, i) => {
      const at = indexOf(fix.currentIdNumber);
      if (at < 0) { refuse(`/corrections/members/${i}/currentIdNumber`, '本户没有此身份证号的成员，请核对'); return; }
      const before = normaliseIdNumber(members[at].idNumber);
      const after = normaliseIdNumber(fix.member.idNumber);
      const relation = members[at].relation;
      if (after !== before) {
        if (indexOf(after) >= 0) { refuse(`/corrections/members/${i}/member/idNumber`, '此身份证号已是本户其他成员的'); return; }
        leaving.push(before);
        joining.push(after);
      }
      members[at] = { ...fix.member, relation: before === headId ? '户主' : fix.member.relation ?? relation };
      if (before === headId) head = headFrom(members[at], head);
    });
  }

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  data.members = members;
  data.head = head;
  return {
    ok: true,
    household: { headName: String(head.name ?? current.headName), headIdNumber: normaliseIdNumber(head.idNumber) || headId, data },
    joining, leaving, split,
  };
}

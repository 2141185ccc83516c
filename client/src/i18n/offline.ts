import { defineCatalog } from './catalog';

/** The offline queue: submissions kept on the device until the network is back. */
export const offlineText = defineCatalog({
  'zh-CN': {
    title: '待发送的提交（{count}）',
    intro: '以下内容已保存在本机，恢复网络后自动发送，每份只会受理一次。',
    waiting: '等待网络',
    needsLogin: '登录已过期，请重新登录后自动发送',
    serverBusy: '服务器暂时繁忙，稍后自动重试',
    sendNow: '立即发送',
    sending: '正在发送…',
    savedAt: '保存于 {time}',
    refusedConflict: '未能提交：这项任务在您离线期间已由他人办理或认领。您填写的内容已保留，可打开后查看或重新提交。',
    refusedInvalid: '未能提交：服务器检查发现填写有误（{message}）。您填写的内容已保留，请打开修改后重新提交。',
    refusedOther: '未能提交：{message}。您填写的内容已保留。',
    openDraft: '打开草稿重新提交',
    discard: '删除',
    discardConfirm: '删除后这份填写内容将无法恢复，确定删除吗？',
    applicationLabel: '贫困户申请 · {name}',
    applicationNoName: '贫困户申请（未填户主姓名）',
    completionLabel: '{title} · {outcome}',
    queuedApplication: '网络不通：申请已保存到本机“待发送”列表，恢复网络后自动提交，不会重复受理。',
    queuedCompletion: '网络不通：办理结果已保存到本机“待发送”列表，恢复网络后自动提交，不会重复受理。',
    queuedTitle: '已保存，等待网络',
    queuedDetail: '恢复网络后自动提交；发送结果会在页面上方提示，未被受理时内容仍保留在“待发送的提交”中。',
    toInbox: '返回待办任务',
    another: '再填一份申请',
  },
  en: {
    title: 'Waiting to be sent ({count})',
    intro: 'Kept on this device and sent automatically once the network is back; each is carried out once only.',
    waiting: 'Waiting for the network',
    needsLogin: 'Your session has expired: log in again and these are sent',
    serverBusy: 'The server is busy; retrying shortly',
    sendNow: 'Send now',
    sending: 'Sending…',
    savedAt: 'Saved at {time}',
    refusedConflict: 'Not accepted: someone else completed or claimed this task while you were offline. What you typed is kept: open it to review or submit again.',
    refusedInvalid: 'Not accepted: the server found errors ({message}). What you typed is kept: open it, correct and submit again.',
    refusedOther: 'Not accepted: {message}. What you typed is kept.',
    openDraft: 'Open as a draft',
    discard: 'Delete',
    discardConfirm: 'What was typed here cannot be recovered after deleting. Delete it?',
    applicationLabel: 'Household application · {name}',
    applicationNoName: 'Household application (no head of household yet)',
    completionLabel: '{title} · {outcome}',
    queuedApplication: 'No network: the application is kept on this device under "Waiting to be sent" and submitted once the network is back, once only.',
    queuedCompletion: 'No network: the decision is kept on this device under "Waiting to be sent" and submitted once the network is back, once only.',
    queuedTitle: 'Saved, waiting for the network',
    queuedDetail: 'It is submitted once the network is back; the page tells you how it went, and keeps it under "Waiting to be sent" if it is not accepted.',
    toInbox: 'Back to the inbox',
    another: 'Fill in another application',
  },
});

/** What the layout says after sending: on every logged-in page, so kept apart from the list's words. */
export const offlineStatusText = defineCatalog({
  'zh-CN': {
    delivered: '{count} 份离线保存的提交已发送成功',
    refused: '有 {count} 份离线提交未被受理，请查看“待发送的提交”',
  },
  en: {
    delivered: '{count} submission(s) kept offline were sent',
    refused: '{count} submission(s) kept offline were not accepted: see "Waiting to be sent"',
  },
});

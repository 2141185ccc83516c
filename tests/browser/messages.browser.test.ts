import type { Page } from 'playwright-core';
import { countUnreadMessages } from '../../server/src/store/messages.repository';
import { uploadEvidence } from '../support/evidence-uploads';
import { exampleFor } from '../support/form-examples';
import { withFreshIdNumbers } from '../support/fresh-id-numbers';
import { buttonName, describeInBrowser } from './support';
import type { BrowserSuite } from './support';

// The 消息 bell counts unread messages live (server-sent events): when the town sends a case back,
// the clerk's bell goes up without a reload; the messages page leads to the returned task, where
// the comments thread takes a comment; at 1366 px and at 360 px.

const APPLICATION = 'household-identification.application';

/** A case of 董源村 on notice with an objection filed: its objection review waits for the town. */
async function caseUnderObjection(suite: BrowserSuite) {
  const { services } = suite.app;
  const clerk = await services.actor('cun-dongyuan');
  const started = await services.runtime.startInstance({ definitionKey: 'household-identification', actor: clerk });
  const step = async (outcome: string, data?: unknown) => {
    const { rows: [task] } = await services.db.pool.query(`SELECT id, form_key FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
    const filled = data ?? await uploadEvidence(task.form_key, exampleFor(task.form_key), { services, actor: clerk, instanceId: started.instanceId });
    await services.runtime.completeTask({ taskId: task.id, outcome, actor: clerk, data: filled, comment: '同意' });
  };
  await step('SUBMIT', withFreshIdNumbers(exampleFor(APPLICATION)));
  await step('VERIFY');
  await step('PASS');
  await step('POSTED');
  const { rows: [notice] } = await services.db.pool.query('SELECT id FROM notices WHERE instance_id = $1', [started.instanceId]);
  const objection = await fetch(`${suite.base}/api/notices/${notice.id}/objections`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ content: '该户家中有小汽车' }),
  });
  expect(objection.status).toBe(201);
  // The queue's work, done here: the browser app runs without a queue worker.
  await services.notifications.sweep();
  const { rows: [review] } = await services.db.pool.query(`SELECT id FROM tasks WHERE instance_id = $1 AND status = 'open'`, [started.instanceId]);
  return { instanceId: started.instanceId, reviewTaskId: review.id as string };
}

const bell = (page: Page) => page.getByTestId('message-bell');
async function bellShows(page: Page, unread: number) {
  await page.locator(`[data-testid="message-bell"][data-unread="${unread}"]`).waitFor();
  await page.getByRole('link', { name: `消息，${unread} 条未读` }).waitFor();
}

describeInBrowser('the 消息 bell and the messages page', 'messages', (suite) => {
  for (const viewport of [{ width: 1366, height: 900 }, { width: 360, height: 740 }]) {
    it(`When the town returns a case at ${viewport.width} px, then the clerk's bell counts it at once and the message leads to the returned task`, async () => {
      const { instanceId, reviewTaskId } = await caseUnderObjection(suite);
      const page = await suite.signIn('cun-dongyuan');
      await page.setViewportSize(viewport);
      await bell(page).waitFor();
      const before = Number(await bell(page).getAttribute('data-unread'));
      const { rows: [{ n }] } = await suite.app.services.db.pool.query(
        `SELECT count(*)::int AS n FROM messages WHERE user_id = (SELECT id FROM users WHERE username = 'cun-dongyuan') AND read_at IS NULL`);
      await bellShows(page, n);
      expect(before === n || before === 0).toBe(true);
      await suite.screenshot(page, `bell-before-${viewport.width}`);

      // The town's reviewer upholds the objection in the browser and sends the case back to the appraisal.
      const town = await suite.signIn('zhen-huacheng');
      await town.setViewportSize(viewport);
      await town.goto(`${suite.base}/tasks/${reviewTaskId}`);
      await town.getByRole('heading', { name: '异议调查核实', exact: true }).waitFor();
      // Among the town's unread messages is the 新的待办 of this review.
      const townId = (await suite.app.services.db.pool.query(`SELECT id FROM users WHERE username = 'zhen-huacheng'`)).rows[0].id as string;
      const townBefore = await countUnreadMessages(suite.app.services.db.pool, townId);
      await bellShows(town, townBefore);
      await town.locator('#task-comment').fill('异议属实，请重新评议');
      await town.getByRole('button', { name: buttonName('异议成立，重新评议') }).click();
      const dialog = town.getByRole('dialog');
      await dialog.getByText('确认“异议成立，重新评议”？').filter({ visible: true }).waitFor();
      await dialog.getByRole('button', { name: buttonName('确认') }).click();
      await town.waitForURL('**/inbox');
      // The review is done: its 新的待办 reads as read, and the reviewer's own bell drops by it without a reload.
      expect(await countUnreadMessages(suite.app.services.db.pool, townId)).toBe(townBefore - 1);
      await bellShows(town, townBefore - 1);
      // The queue's worker's part (the browser app runs without one): deliver what the step wrote.
      await suite.app.services.notifications.sweep();

      // No reload: the count arrives over the event stream.
      await bellShows(page, n + 1);
      await suite.screenshot(page, `bell-after-${viewport.width}`);

      await bell(page).click();
      await page.waitForURL('**/messages');
      // This case's message (the other viewport's case left one like it): the one that links to the returned task.
      const { rows: [appraisal] } = await suite.app.services.db.pool.query(`SELECT id FROM tasks WHERE instance_id = $1 AND status = 'open'`, [instanceId]);
      const message = page.getByTestId('message').filter({ hasText: '案件被退回：村民民主评议' }).filter({ has: page.locator(`a[href="/tasks/${appraisal.id}"]`) });
      await message.getByText('异议属实，请重新评议').waitFor();
      // The message's title keeps the screen's width: on a phone its actions sit under it, on a wide screen beside it.
      const titleBox = (await message.locator('.ant-list-item-meta-title').boundingBox())!;
      const actionBox = (await message.getByRole('button', { name: '查看任务' }).boundingBox())!;
      if (viewport.width < 768) expect(actionBox.y).toBeGreaterThanOrEqual(titleBox.y + titleBox.height);
      else expect(actionBox.x).toBeGreaterThanOrEqual(titleBox.x + titleBox.width);
      await suite.screenshot(page, `messages-${viewport.width}`);
      await message.getByRole('button', { name: '查看任务' }).click();
      await page.waitForURL(`**/tasks/${appraisal.id}`);
      await bellShows(page, n);

      // The comments thread of the task page.
      const comments = page.getByTestId('comments');
      await comments.getByText('暂无意见').waitFor();
      await comments.getByRole('textbox', { name: '意见交流' }).fill('已通知村民小组长，周五重新评议');
      await comments.getByRole('button', { name: '发表意见' }).click();
      await comments.getByTestId('comment').filter({ hasText: '已通知村民小组长，周五重新评议' }).getByText('董源村文书').waitFor();
      await suite.screenshot(page, `task-comments-${viewport.width}`);
    });
  }
});

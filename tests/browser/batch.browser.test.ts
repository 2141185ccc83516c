import { exampleDataFor } from '../support/form-examples';
import { idNumber } from './household-application';
import { seedCases } from './seed-cases';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';

// Batch is offered only where it can work — never on a step whose form every case
// fills for itself; on a step the definition marks `batch: shared`, with one form filled once —
// listing whose cases it completes, with a result per case.

const AT_VERIFICATION = [
  { name: '罗水生', id: idNumber('44142419680315451') },
  { name: '罗金凤', id: idNumber('44142419680315453') },
];
const AT_TOWN = [
  { name: '陈石福', id: idNumber('44142419680315461') },
  { name: '陈玉娇', id: idNumber('44142419680315463') },
  { name: '陈永康', id: idNumber('44142419680315465') },
];

describeInBrowser('batch only where it can work', 'batch', (suite) => {
  beforeAll(async () => {
    await seedCases(suite, AT_VERIFICATION);
    await seedCases(suite, AT_TOWN, ['VERIFY', 'PASS', 'POSTED']);
    // The seven-day notice runs out without objections; the village forwards each case to the town.
    await suite.advanceClock('P8D');
    const { services } = suite.app;
    const clerk = await services.actor('cun-dongyuan');
    const { rows } = await services.db.pool.query(`SELECT id FROM tasks WHERE state = 'preliminaryOpinion' AND status = 'open'`);
    for (const row of rows) {
      await services.runtime.completeTask({ taskId: row.id, outcome: 'FORWARD', actor: clerk, data: exampleDataFor('household-identification.preliminaryOpinion'), comment: '' });
    }
  });

  it('When the clerk ticks two home visits, then no batch is offered: each household\'s visit is its own form', async () => {
    const page = await suite.signIn('cun-dongyuan');
    for (const head of AT_VERIFICATION) await page.getByRole('checkbox', { name: new RegExp(`入户核实 ${head.name}`) }).check();
    await page.getByTestId('batch-not-offered').getByText('此环节需要逐条填写表单，不能批量办理').waitFor();
    expect(await page.getByRole('button', { name: /^批量/ }).count()).toBe(0);
    await suite.screenshot(page, 'verification-no-batch');
  });

  for (const viewport of [{ width: 1366, height: 900 }, { width: 360, height: 740 }]) {
    it(`When the town reviewer approves a roster at ${viewport.width} px, then the dialog lists the households, takes the review form once and reports each case`, async () => {
      const page = await suite.signIn('zhen-huacheng');
      await page.setViewportSize(viewport);
      const pending = viewport.width === 1366 ? AT_TOWN.slice(0, 2) : AT_TOWN.slice(2);
      for (const head of pending) await page.getByRole('checkbox', { name: new RegExp(`乡镇审核 ${head.name}`) }).check();
      await page.getByRole('button', { name: `批量审核通过（${pending.length}）` }).click();
      const dialog = page.getByRole('dialog');
      for (const head of pending) await dialog.getByTestId('batch-subjects').getByText(`${head.name} ****${head.id.slice(-4)} · 董源村第三村民小组`).waitFor();
      await dialog.getByTestId('batch-form').waitFor();
      // Submitting the empty shared form names what is missing and sends nothing.
      await dialog.getByRole('button', { name: buttonName('确认办理') }).click();
      await dialog.getByTestId('batch-form').locator('.jz-field-error').first().waitFor();
      await fillSchemaForm(page, { opinion: '经审核，名单内农户符合识别标准，同意上报。', reviewer: '魏志明', reviewDate: '2016-11-15', spotChecked: false });
      await suite.screenshot(page, `town-batch-form-${viewport.width}`);
      await dialog.getByRole('button', { name: buttonName('确认办理') }).click();
      await dialog.getByText(`办理完成：成功 ${pending.length} 条，未成功 0 条`).waitFor();
      for (const head of pending) await dialog.getByText(new RegExp(`${head.name} \\*\\*\\*\\*`)).waitFor();
      await suite.screenshot(page, `town-batch-results-${viewport.width}`);
      const { rows } = await suite.app.services.db.pool.query(
        `SELECT count(*)::int AS n FROM tasks WHERE state = 'countyApproval' AND status = 'open' AND subject->>'householdName' = ANY($1)`,
        [pending.map((h) => h.name)]);
      expect(rows[0].n).toBe(pending.length);
    });
  }
});

import { APPLICATION } from './household-application';
import { buttonName, describeInBrowser, fillSchemaForm } from './support';

// A submitted application shows its 受理编号 and a printable A4 回执.

describeInBrowser('application receipt', 'receipt', (suite) => {
  it('When the clerk submits an application, then the page shows its 受理编号 and a receipt that prints alone on the page, at 1366 px and at 360 px', async () => {
    const page = await suite.signIn('cun-dongyuan');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.getByRole('navigation').getByRole('link', { name: '贫困户申请', exact: true }).click();
    await page.getByRole('heading', { name: '贫困户申请' }).waitFor();
    await fillSchemaForm(page, APPLICATION);
    await page.getByRole('button', { name: buttonName('提交申请') }).click();
    await page.getByText(/^申请已提交，受理编号 441424-\d{4}-\d{6}$/).waitFor();

    const { rows } = await suite.app.services.db.pool.query(`SELECT receipt_no FROM instances WHERE subject->>'householdName' = '黄伟强'`);
    expect(rows).toHaveLength(1);
    const receipt = page.getByTestId('receipt');
    await receipt.getByText(rows[0].receipt_no).waitFor();
    await receipt.getByText(/^黄伟强 \*\*\*\*\d{3}[\dX] · 董源村第五村民小组$/).waitFor();
    await receipt.getByText('董源村文书').waitFor();
    await suite.screenshot(page, 'receipt-1366');

    // Printed, only the receipt shows: the app's navigation is hidden.
    expect(await page.getByRole('navigation').count()).toBeGreaterThan(0);
    await page.emulateMedia({ media: 'print' });
    expect(await receipt.isVisible()).toBe(true);
    // (Hidden elements leave the accessibility tree: on screen the navigation is there, printed it is not.)
    expect(await page.getByRole('navigation').count()).toBe(0);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.emulateMedia({ media: 'screen' });

    await page.setViewportSize({ width: 360, height: 740 });
    await receipt.getByText(rows[0].receipt_no).waitFor();
    await suite.screenshot(page, 'receipt-360');
  });
});

import { callFerry, expect, test } from './fixtures';

/** The Duplicates view (side by side, field by field, preview, Merge) and "Forget this person", in the web mode. */

interface Created { id: number }

test('two contacts with one e-mail are shown side by side and merged field by field; the survivor is then forgotten in Ferry and HubSpot', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  const hubspot = await callFerry<{ id: number }>(page, 'connect', { kind: 'hubspot', sandbox: true });
  const keep = await callFerry<Created>(page, 'createContact', { contact: { firstName: 'Ottoline', lastName: 'Quill', title: 'Analyst', emails: [{ value: 'ottoline@quill.example' }], tags: ['vip'] } });
  const other = await callFerry<Created>(page, 'createContact', { contact: { firstName: 'Ottoline', lastName: 'Quill', title: 'Head of Research', emails: [{ value: 'OTTOLINE@quill.example' }], tags: ['expo'] } });

  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'Duplicates…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Duplicates' });
  await dialog.getByRole('button', { name: `Ottoline Quill (#${keep.id}) · Ottoline Quill (#${other.id})` }).click();
  await expect(dialog).toContainText('Same e-mail ottoline@quill.example');

  const panel = dialog.getByTestId('merge-panel');
  const title = panel.locator('tr[data-field="title"]');
  await expect(title.locator('output')).toHaveText('Analyst');
  await title.getByLabel('Head of Research').check();
  await expect(title.locator('output')).toHaveText('Head of Research');
  await expect(panel.locator('tr[data-field="tags"] output')).toHaveText('vip, expo');
  await panel.getByRole('button', { name: `Merge into #${keep.id}` }).click();
  await expect(dialog).toContainText(`Merged #${other.id} into #${keep.id}`);
  await expect(dialog.getByRole('button', { name: `Ottoline Quill (#${keep.id}) · Ottoline Quill (#${other.id})` })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).first().click();

  await callFerry(page, 'syncNow', { connectionId: hubspot.id });
  await page.getByLabel('Search contacts').fill('Ottoline');
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  await page.getByTestId('contact-row').first().click();
  const detail = page.getByTestId('contact-detail');
  await expect(detail).toContainText('Head of Research');
  await detail.getByRole('button', { name: 'Forget this person…' }).click();

  const confirm = page.getByRole('dialog', { name: 'Forget Ottoline Quill?' });
  await expect(confirm.getByTestId('forget-plan')).toContainText('Ferry erases this contact and every line of its sync history for good.');
  await expect(confirm.getByTestId('forget-plan')).toContainText(/HubSpot( Sandbox)?: deletes record \d+ in HubSpot/);
  await confirm.getByRole('button', { name: 'Forget this person' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Forgotten everywhere' })).toBeVisible();
  await expect(page.getByTestId('contact-row')).toHaveCount(0);
});

test('the connection card offers deletes both ways, off by default, and says what happens', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await callFerry(page, 'connect', { kind: 'hubspot', sandbox: true });
  await page.reload();
  const setting = page.getByTestId('connection-card').filter({ hasText: 'HubSpot' }).getByTestId('deletes-setting');
  const toCrm = setting.getByTestId('deletes-to-crm');
  await expect(toCrm).toContainText('Contacts deleted in Ferry are kept in HubSpot.');
  await expect(toCrm.getByRole('radio', { name: /Keep in HubSpot/ })).toBeChecked();
  // the choice is saved, then shown: click, and wait for the answer
  // HubSpot archives (restorable): the choice says so, as the sentence under it does
  await toCrm.getByRole('radio', { name: /Archive in HubSpot.* too/ }).click();
  await expect(toCrm).toContainText('archived in HubSpot (HubSpot can restore them for 90 days)');
  await toCrm.getByRole('radio', { name: 'Keep and mark "Deleted in Ferry"' }).click();
  await expect(toCrm.getByRole('radio', { name: 'Keep and mark "Deleted in Ferry"' })).toBeChecked();
  await expect(toCrm).toContainText('kept in HubSpot and marked "Deleted in Ferry"');

  const fromCrm = setting.getByTestId('deletes-from-crm');
  await expect(fromCrm.getByRole('radio', { name: 'Keep in Ferry' })).toBeChecked();
  await fromCrm.getByRole('radio', { name: 'Delete in Ferry too' }).click();
  await expect(fromCrm.getByRole('radio', { name: 'Delete in Ferry too' })).toBeChecked();
  await expect(fromCrm).toContainText(/Contacts deleted in HubSpot.* are deleted in Ferry too/);
  await page.reload();
  await expect(page.getByTestId('deletes-to-crm').getByRole('radio', { name: 'Keep and mark "Deleted in Ferry"' })).toBeChecked();
  await expect(page.getByTestId('deletes-from-crm').getByRole('radio', { name: 'Delete in Ferry too' })).toBeChecked();
});

test('Mailchimp\'s card says archive, both ways, as Mailchimp does', async ({ page, ferry }) => {
  // found trying the README: the choice read "Delete in Mailchimp too" above "…are archived in Mailchimp",
  // and "When a contact is deleted in Mailchimp" where a pull only ever sees archived members
  await page.goto(ferry.url);
  const mailchimp = await callFerry<Created>(page, 'connect', { kind: 'mailchimp', sandbox: true });
  await callFerry(page, 'setDirection', { connectionId: mailchimp.id, direction: 'two-way' });
  await page.reload();
  const setting = page.getByTestId('connection-card').filter({ hasText: 'Mailchimp' }).getByTestId('deletes-setting');
  const toCrm = setting.getByTestId('deletes-to-crm');
  await toCrm.getByRole('radio', { name: /Archive in Mailchimp.* too/ }).click();
  await expect(toCrm).toContainText('archived in Mailchimp (out of the audience');
  const fromCrm = setting.getByTestId('deletes-from-crm');
  await expect(fromCrm.locator('legend')).toHaveText(/When a contact is archived in Mailchimp/);
  await fromCrm.getByRole('radio', { name: 'Delete in Ferry too' }).click();
  await expect(fromCrm).toContainText(/Contacts archived in Mailchimp.* are deleted in Ferry too/);
});

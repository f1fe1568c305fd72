import { callFerry, expect, shot, test } from './fixtures';
import type { Contact } from '../../preload/schemas/contact';

const BAD_CSV = [
  'First Name,Last Name,Email,Company',
  'Ada,Lovelace,ada@example.com,Engines',
  'Bob,Broken,bob(at)example.com,Nowhere',
  'Carl,Gauss,carl@example.com,Numbers',
  '"Dana,Unclosed,dana@example.com,Quotes',
  '',
].join('\n');

const contactsTotal = async (page: Parameters<typeof callFerry>[0]): Promise<number> =>
  (await callFerry<{ total: number }>(page, 'listContacts', { limit: 1 })).total;

test('the preview shows what would happen before anything is written; the import then keeps every person and names the bad lines', async ({ page, ferry }) => {
  await page.goto(ferry.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('50 contacts');

  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('CSV or vCard file').setInputFiles({ name: 'trade-show.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
  const preview = dialog.getByTestId('import-preview');
  await expect(preview.getByTestId('import-source')).toHaveText('Spreadsheet · CSV · utf-8 · column names on line 1');
  await expect(preview.getByTestId('import-added')).toHaveText('3');
  await expect(preview.getByTestId('import-rejected')).toHaveText('1');
  await expect(preview.getByTestId('import-rejections').getByRole('row').filter({ hasText: /never closed/ })).toContainText('5');
  await preview.getByText('1 value left out of contacts that were kept').click();
  await expect(preview.getByTestId('import-warnings')).toContainText('"bob(at)example.com" is not an e-mail address, so it was left out.');
  await expect(preview.getByTestId('import-column')).toHaveCount(4);
  await expect(preview.getByTestId('import-column').nth(2)).toContainText('Recognised');
  await page.screenshot({ path: shot('import-preview') });
  expect(await contactsTotal(page)).toBe(50); // a preview writes nothing

  // All or nothing: the preview says nothing would be imported.
  await dialog.getByLabel('All or nothing: if any row is invalid, import nothing').check();
  await expect(preview).toContainText('Nothing would be imported because 1 row is invalid');
  await dialog.getByLabel('All or nothing: if any row is invalid, import nothing').uncheck();
  await expect(preview).toContainText('Would import 3 contacts');

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText('Imported trade-show.csv');
  await expect(report.getByTestId('import-added')).toHaveText('3');
  await expect(report.getByTestId('import-rejected')).toHaveText('1');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('contact-count')).toHaveText('53 contacts');
  await page.getByLabel('Search contacts').fill('Broken');
  await expect(page.getByTestId('contact-row')).toHaveCount(1);
  await expect(page.getByTestId('contact-row')).toContainText('Bob Broken');
});

test('a column mapped by hand changes the preview, is imported that way, and is remembered for the next file with the same columns', async ({ page, ferry }) => {
  const header = 'Notes:\n"Exported from the booth scanner"\n\nVorname,Nachname,Kontakt,Handy,Team\n';
  await page.goto(ferry.url);
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('CSV or vCard file').setInputFiles({
    name: 'booth-may.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}Hedy,Lamarr,hedy@patents.example,+1 310 555 0101,Frequency Hopping Inc\n`),
  });
  const preview = dialog.getByTestId('import-preview');
  await expect(preview.getByTestId('import-source')).toHaveText('Spreadsheet · CSV · utf-8 · column names on line 4 (2 rows above skipped)');
  const team = preview.getByTestId('import-column').filter({ hasText: 'Team' });
  await expect(preview.getByTestId('import-column').filter({ hasText: 'Kontakt' })).toContainText('Guessed from its values');
  await expect(preview.getByTestId('import-column').filter({ hasText: 'Handy' })).toContainText('Guessed from its values');
  await expect(team).toContainText('Custom field');

  await team.getByRole('combobox').selectOption('company');
  await expect(team).toContainText('Your choice');
  await page.screenshot({ path: shot('import-mapping') });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('import-report').getByTestId('import-added')).toHaveText('1');
  await expect(dialog.getByTestId('import-guessed')).toHaveText('Guessed from their values: “Kontakt” as E-mail, “Handy” as Phone.');
  const { items: [hedy] } = await callFerry<{ items: Contact[] }>(page, 'searchContacts', { query: 'Lamarr' });
  expect(hedy).toMatchObject({ company: 'Frequency Hopping Inc', emails: [{ value: 'hedy@patents.example' }], phones: [expect.objectContaining({ raw: '+1 310 555 0101' })] });

  // Next month's export from the same scanner: the choice is already made.
  await dialog.getByRole('button', { name: 'Import another file' }).click();
  await dialog.getByLabel('CSV or vCard file').setInputFiles({
    name: 'booth-june.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}Katherine,Johnson,katherine@nasa.example,+1 757 555 0199,NASA\n`),
  });
  const again = dialog.getByTestId('import-preview').getByTestId('import-column').filter({ hasText: 'Team' });
  await expect(again).toContainText('Your choice');
  await expect(again.getByRole('combobox')).toHaveValue('company');
  // Undo brings back what Ferry would do by itself.
  await again.getByRole('button', { name: 'Undo my choice for “Team”' }).click();
  await expect(again).toContainText('Custom field');
});

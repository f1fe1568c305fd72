import { mailchimp, MARKETING_CONSENT_TAG } from '../../destinations/mailchimp';
import { callFerry, expect, sandboxAdmin, sandboxUrl, shot, test } from './fixtures';

interface SandboxMembers { members: { email_address: string; status: string }[] }
interface ContactPage { items: { id: number; emails: { value: string }[]; tags: string[] }[]; total: number }

test.describe('Mailchimp', () => {
  test('Add integration → Mailchimp Sandbox → Connect → Sync now: the card counts the members Mailchimp holds and says who is subscribed', async ({ page, ferry }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(ferry.url);
    // two demo contacts give marketing consent, so the audience holds both kinds of member
    const { items } = await callFerry<ContactPage>(page, 'listContacts', { limit: 500, offset: 0 });
    const withEmail = items.filter((c) => c.emails.length > 0);
    for (const c of withEmail.slice(0, 2)) await callFerry(page, 'updateContact', { id: c.id, patch: { tags: [...c.tags, MARKETING_CONSENT_TAG] } });

    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Mailchimp Sandbox/ }).click();
    await dialog.getByLabel('Sync mode').selectOption('manual');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(dialog).toHaveCount(0);
    const card = page.getByTestId('connection-card');
    await expect(card).toHaveAttribute('data-kind', 'mailchimp');
    await expect(card.getByTestId('card-note')).toHaveText(mailchimp.cardNote!);

    await card.getByRole('button', { name: 'Sync now' }).click();
    await expect(card.getByTestId('pending')).toHaveText('0');
    await expect(card.getByTestId('synced-total')).toHaveText(String(withEmail.length));
    await expect(card.getByTestId('last-run')).toContainText(`${withEmail.length} records created`);
    // the connection's address is the API root (…/3.0); the sandbox's admin routes sit beside it
    const admin = (await sandboxUrl(page, 'mailchimp')).replace(/\/3\.0$/u, '');
    const { members } = await sandboxAdmin(admin, 'GET', 'members') as SandboxMembers;
    expect(members).toHaveLength(withEmail.length);
    expect(members.filter((m) => m.status === 'subscribed')).toHaveLength(2);
    expect(members.filter((m) => m.status === 'transactional')).toHaveLength(withEmail.length - 2);
    // the consent note stays under the numbers after the sync: "synced" never reads as "subscribed"
    await expect(card.getByTestId('card-note')).toContainText(`Only contacts tagged "${MARKETING_CONSENT_TAG}" are subscribed`);
    await page.screenshot({ path: shot('mailchimp-after-sync') });
  });

  test('the real Mailchimp tile asks for the API key and the Audience ID, each with where to find it', async ({ page, ferry }) => {
    await page.goto(ferry.url);
    await page.getByRole('button', { name: 'Add integration' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^Mailchimp/ }).first().click();
    for (const field of mailchimp.credentials) {
      const input = dialog.getByLabel(field.label);
      await expect(input).toBeVisible();
      await expect(input).toHaveAttribute('type', field.input === 'secret' ? 'password' : 'text');
      await expect(dialog.getByText(field.hint!)).toBeVisible();
    }
    await expect(dialog.getByLabel('Audience ID')).toHaveAttribute('placeholder', 'a1b2c3d4e5');
  });
});

import type { Contact } from '../../../preload/schemas/contact';

/**
 * The company a contact works for, as CRMs key it. Pure: connectors put these
 * values in the payload, so a contact whose company changes is planned again.
 */

/**
 * Mailbox providers whose domain says nothing about the employer. HubSpot
 * ignores the same kind of list when it creates companies from e-mail domains
 * ("freemail domains"); Ferry never makes a company out of one.
 */
const FREEMAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'proton.me', 'protonmail.com',
  'yandex.com', 'yandex.ru', 'mail.ru', 'qq.com', '163.com', '126.com', 'zoho.com', 'fastmail.com', 'hey.com',
  'yahoo.co.uk', 'hotmail.co.uk', 'btinternet.com', 'orange.fr', 'free.fr', 'laposte.net', 't-online.de', 'libero.it',
]);

const HOST = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** `https://www.Acme.com/about` → `acme.com`; '' when the text is not a web address. */
export function websiteDomain(website: string): string {
  const text = website.trim();
  if (!text) return '';
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase();
  } catch {
    return '';
  }
  host = host.replace(/^www\d?\./, '').replace(/\.$/, '');
  return HOST.test(host) ? host : '';
}

function emailDomain(contact: Contact): string {
  const email = contact.emails.map((e) => e.value.trim().toLowerCase()).find(Boolean) ?? '';
  const domain = email.slice(email.lastIndexOf('@') + 1);
  return email.includes('@') && HOST.test(domain) && !FREEMAIL.has(domain) ? domain : '';
}

/**
 * The company's domain (HubSpot's key for companies): the website's host, else
 * the work e-mail's domain when the contact names a company. '' when neither
 * tells (no company is linked then; the company name stays on the contact).
 */
export function companyDomain(contact: Contact): string {
  const fromWebsite = websiteDomain(contact.website);
  if (fromWebsite) return fromWebsite;
  return contact.company.trim() ? emailDomain(contact) : '';
}

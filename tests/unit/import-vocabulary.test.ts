import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContactInput } from '../../preload/schemas/contact';
import { readCsv } from '../../main/import/csv';
import { decodeText } from '../../main/import/decode';
import { planColumns } from '../../main/import/csv-columns';
import type { ImportRecord } from '../../main/import/types';
import { APPLICATION_VOCABULARIES, GENERIC_VOCABULARY, indexVocabulary } from '../../main/import/vocabulary/index';

/**
 * One test per vocabulary table: a file written the way that application
 * writes its export (its header, its encoding, its quoting), read into the
 * fields a rep expects. Before the tables, a German or Japanese Outlook export
 * lost every e-mail and phone to custom fields.
 */
function read(name: string): { format: string; encoding: string; contacts: ContactInput[] } {
  const decoded = decodeText(fs.readFileSync(path.join(__dirname, '../fixtures/import', name)));
  const records: ImportRecord[] = [];
  const layout = readCsv(decoded.text, (r) => records.push(r));
  const contacts = records.map((r) => {
    if ('error' in r) throw new Error(`line ${r.line}: ${r.error}`);
    return r.input;
  });
  return { format: layout.plan?.format ?? '(none)', encoding: decoded.encoding, contacts };
}

describe('column vocabulary: one table per exporting application', () => {
  it('every table loads, and a file with exactly one table\'s headers is recognised as that application', () => {
    for (const vocabulary of [...APPLICATION_VOCABULARIES, GENERIC_VOCABULARY]) expect(() => indexVocabulary(vocabulary)).not.toThrow();
    for (const vocabulary of APPLICATION_VOCABULARIES) {
      expect(planColumns(Object.keys(vocabulary.columns)).format, vocabulary.name).toBe(vocabulary.name);
    }
  });

  it('Outlook (English): job title, not the honorific; named phones with their labels; both e-mails; work address; categories', () => {
    const { format, contacts: [m] } = read('outlook.csv');
    expect(format).toBe('Outlook (English)');
    expect(m).toMatchObject({
      firstName: 'Margaret', lastName: 'Hamilton', company: 'Apollo Software', title: 'Director',
      emails: [{ value: 'margaret@apollo.example' }, { value: 'mh@home.example' }],
      phones: [{ raw: '(617) 555-0100', label: 'work' }, { raw: '(617) 555-0199', label: 'mobile' }],
      addresses: [{ label: 'work', street: '1 Launch Pad\nBuilding 4', city: 'Cambridge', region: 'MA', postalCode: '02139' }],
      tags: ['Engineers', 'VIP'], customFields: { Title: 'Dr.', Department: 'Flight Software' },
    });
  });

  it('Outlook (German): E-Mail-Adresse, E-Mail 2: Adresse, Mobiltelefon, Telefon geschäftlich, Windows-1252', () => {
    const { format, encoding, contacts: [j] } = read('outlook-de.csv');
    expect({ format, encoding }).toEqual({ format: 'Outlook (German)', encoding: 'windows-1252' });
    expect(j).toMatchObject({
      firstName: 'Jürgen', lastName: 'Müller', company: 'Müller & Söhne GmbH', title: 'Geschäftsführer',
      emails: [{ value: 'j.mueller@mueller-soehne.example' }, { value: 'juergen@privat.example' }],
      phones: expect.arrayContaining([{ raw: '+49 170 1234567', label: 'mobile' }, { raw: '+49 711 123450', label: 'work' },
        { raw: '+49 711 123451', label: 'work' }, { raw: '+49 711 998877', label: 'home' }, { raw: '+49 711 1234599', label: 'work fax' }]),
      addresses: [{ label: 'work', street: 'Königstraße 12\nHaus B', city: 'Stuttgart', region: 'BW', postalCode: '70173', country: 'Deutschland' }],
      tags: ['Kunden', 'Messe'], notes: 'Kennengelernt auf der CeBIT.', website: 'https://mueller-soehne.example',
      customFields: { Anrede: 'Dr.', Abteilung: 'Vertrieb' },
    });
    // Outlook's blank-form defaults say nothing about the person.
    expect(Object.keys(j!.customFields ?? {})).not.toEqual(expect.arrayContaining(['Geburtstag', 'Geschlecht', 'Priorität', 'E-Mail-Typ']));
  });

  it('Outlook (French): Adresse de messagerie, Tél. mobile, "Titre" read as the job title', () => {
    const { format, contacts: [e] } = read('outlook-fr.csv');
    expect(format).toBe('Outlook (French)');
    expect(e).toMatchObject({
      firstName: 'Élodie', lastName: 'Lefèvre', company: "Société Générale d'Études", title: 'Directrice des achats',
      emails: [{ value: 'elodie.lefevre@sge.example' }, { value: 'elodie@maison.example' }],
      phones: [{ raw: '+33 1 42 34 56 78', label: 'work' }, { raw: '+33 1 40 00 00 00', label: 'home' }, { raw: '+33 6 12 34 56 78', label: 'mobile' }],
      addresses: [{ label: 'work', city: 'Paris', postalCode: '75001', country: 'France' }],
    });
    // French Outlook calls both the honorific and the job title "Titre": the first is the honorific, kept as a custom field.
    expect(e!.customFields).toMatchObject({ Titre: 'M.' });
  });

  it('Outlook (Spanish): Dirección de correo electrónico, Teléfono móvil, Particular', () => {
    const { format, contacts: [m] } = read('outlook-es.csv');
    expect(format).toBe('Outlook (Spanish)');
    expect(m).toMatchObject({
      firstName: 'María José', lastName: 'García Núñez', company: 'Tapas y Vinos SL', title: 'Jefa de compras',
      emails: [{ value: 'mj.garcia@tapasyvinos.example' }, { value: 'mariajose@casa.example' }],
      phones: [{ raw: '+34 91 123 45 67', label: 'work' }, { raw: '+34 91 765 43 21', label: 'home' }, { raw: '+34 612 345 678', label: 'mobile' }],
      addresses: [{ label: 'work', street: 'Calle Mayor 5', city: 'Madrid', postalCode: '28013', country: 'España' }],
      notes: 'Conocida en Fitur.', tags: ['Clientes'],
    });
  });

  it('Outlook (Italian): Indirizzo posta elettronica, Cellulare, Ufficio, Abitazione', () => {
    const { format, contacts: [n] } = read('outlook-it.csv');
    expect(format).toBe('Outlook (Italian)');
    expect(n).toMatchObject({
      firstName: 'Niccolò', lastName: 'Bianchi', company: 'Caffè Roma Srl', title: 'Responsabile vendite',
      emails: [{ value: 'n.bianchi@cafferoma.example' }, { value: 'niccolo@casa.example' }],
      phones: [{ raw: '+39 06 1234567', label: 'work' }, { raw: '+39 06 7654321', label: 'home' }, { raw: '+39 333 1234567', label: 'mobile' }],
      addresses: [{ label: 'work', street: 'Via del Corso 1', city: 'Roma', region: 'RM', postalCode: '00186', country: 'Italia' }],
    });
  });

  it('Outlook (Dutch): E-mailadres, Mobiele telefoon, Telefoon op werk, "Werkadres, straat"', () => {
    const { format, contacts: [s] } = read('outlook-nl.csv');
    expect(format).toBe('Outlook (Dutch)');
    expect(s).toMatchObject({
      firstName: 'Sanne', lastName: 'Dijk', company: 'Bloemen & Co BV', title: 'Inkoper',
      emails: [{ value: 'sanne@bloemen.example' }, { value: 'sanne.thuis@example.nl' }],
      phones: [{ raw: '+31 20 123 4567', label: 'work' }, { raw: '+31 20 765 4321', label: 'home' }, { raw: '+31 6 12345678', label: 'mobile' }],
      addresses: [{ label: 'work', street: 'Keizersgracht 100', city: 'Amsterdam', postalCode: '1015 AA', country: 'Nederland' }],
      customFields: { 'Middelste naam': 'van' },
    });
  });

  it('Outlook (Portuguese, Brazil): Endereço de email, Telefone celular, Sobrenome', () => {
    const { format, contacts: [j] } = read('outlook-pt-br.csv');
    expect(format).toBe('Outlook (Portuguese, Brazil)');
    expect(j).toMatchObject({
      firstName: 'João', lastName: 'Gonçalves', company: 'Açaí do Brasil Ltda', title: 'Gerente de compras',
      emails: [{ value: 'joao@acai.example' }, { value: 'joao.casa@example.com.br' }],
      phones: [{ raw: '+55 11 3000-1234', label: 'work' }, { raw: '+55 11 3000-4321', label: 'home' }, { raw: '+55 11 91234-5678', label: 'mobile' }],
      addresses: [{ label: 'work', street: 'Av. Paulista 1000', city: 'São Paulo', region: 'SP', postalCode: '01310-100', country: 'Brasil' }],
    });
  });

  it('Outlook (Japanese): 電子メール アドレス, 携帯電話, 会社名, in Shift_JIS', () => {
    const { format, encoding, contacts: [t] } = read('outlook-ja.csv');
    expect(format).toBe('Outlook (Japanese)');
    expect(encoding).toMatch(/shift_jis/i);
    expect(t).toMatchObject({
      firstName: '太郎', lastName: '山田', company: '株式会社サンプル', title: '部長',
      emails: [{ value: 'taro.yamada@sample.example' }, { value: 'taro@home.example' }],
      phones: [{ raw: '03-1234-5678', label: 'work' }, { raw: '03-8765-4321', label: 'home' }, { raw: '090-1234-5678', label: 'mobile' }],
      addresses: [{ label: 'work', street: '千代田1-1', city: '千代田区', region: '東京都', postalCode: '100-0001', country: '日本' }],
      notes: '展示会で名刺交換。', tags: ['顧客'],
    });
  });

  it('Thunderbird: Primary Email, Secondary Email, Mobile Number, Work Phone, Organization', () => {
    const { format, contacts: [i] } = read('thunderbird.csv');
    expect(format).toBe('Thunderbird');
    expect(i).toMatchObject({
      firstName: 'Ingrid', lastName: 'Svensson', company: 'Fika AB', title: 'CTO', website: 'https://fika.example',
      emails: [{ value: 'ingrid@fika.example' }, { value: 'ingrid.home@example.se' }],
      phones: [{ raw: '+46 8 123 456', label: 'work' }, { raw: '+46 70 123 45 67', label: 'mobile' }],
      addresses: [{ label: 'work', street: 'Drottninggatan 1', city: 'Stockholm', postalCode: '111 51', country: 'Sweden' }],
      notes: 'Likes cinnamon buns.', customFields: { Department: 'R&D', 'Birth Year': '1980' },
    });
  });

  it('Apple Contacts (CSV): "Phone (iPhone)", "Email (work)", address parts by label', () => {
    const { format, contacts: [c] } = read('apple-contacts.csv');
    expect(format).toBe('Apple Contacts (CSV)');
    expect(c).toMatchObject({
      firstName: 'Chloé', lastName: 'Martin', company: 'Atelier Martin', title: 'Founder',
      emails: [{ value: 'chloe@atelier.example', label: 'work' }, { value: 'chloe@me.example', label: 'home' }],
      phones: [{ raw: '+33 6 98 76 54 32', label: 'iPhone' }, { raw: '+33 1 23 45 67 89', label: 'work' }],
      addresses: [{ label: 'work', street: '3 rue des Arts', city: 'Lyon', postalCode: '69001', country: 'France' }],
      notes: 'Met at Maison&Objet.', customFields: { Birthday: '1985-04-02' },
    });
  });

  it('LinkedIn Connections.csv: the header below the "Notes:" preamble; the profile URL and date kept as custom fields', () => {
    const { format, contacts } = read('linkedin-connections.csv');
    expect(format).toBe('LinkedIn connections');
    expect(contacts).toEqual([
      expect.objectContaining({
        firstName: 'Grace', lastName: 'Hopper', company: 'US Navy', title: 'Rear Admiral', emails: [{ value: 'grace@navy.example' }],
        customFields: { 'LinkedIn profile': 'https://www.linkedin.com/in/gracehopper', 'Connected on LinkedIn': '09 Dec 2023' },
      }),
      expect.objectContaining({ firstName: 'Alan', lastName: 'Turing', emails: [] }),
    ]);
  });

  it('Google Contacts before 2020: Given Name, Family Name, "E-mail 1 - Type"/"- Value", Group Membership', () => {
    const { format, contacts: [ada] } = read('google-contacts.csv');
    expect(format).toBe('Google Contacts (before 2020)');
    expect(ada).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', emails: [{ value: 'ada@engines.example', label: 'Work' }, { value: 'ada.home@example.org', label: 'Home' }] });
  });

  it('Google Contacts now: First Name, "E-mail 1 - Label", Organization Name, Labels', () => {
    const { format, contacts: [linus] } = read('google-contacts-new.csv');
    expect(format).toBe('Google Contacts');
    expect(linus).toMatchObject({ firstName: 'Linus', company: 'Linux Foundation', tags: ['Speakers'] });
  });

  it('HubSpot contacts export: property labels; owner and lifecycle stage kept, record id and dates ignored', () => {
    const { format, contacts: [p] } = read('hubspot-export.csv');
    expect(format).toBe('HubSpot contacts export');
    expect(p).toMatchObject({
      firstName: 'Priya', lastName: 'Patel', company: 'Chai Labs', title: 'VP Sales', website: 'https://chai.example',
      emails: [{ value: 'priya@chai.example' }],
      phones: [{ raw: '+1 617 555 0142', label: 'work' }, { raw: '+1 617 555 0199', label: 'mobile' }],
      addresses: [{ street: '1 Main St', city: 'Boston', region: 'MA', postalCode: '02110', country: 'United States' }],
      customFields: { 'Contact owner': 'Ada Lovelace', 'Lifecycle Stage': 'Customer', 'Lead Status': 'Connected', 'Associated company': 'Chai Labs' },
    });
    expect(p!.customFields).not.toHaveProperty('Record ID');
    expect(p!.customFields).not.toHaveProperty('Create Date');
  });

  it('Salesforce: Data Loader (API names) and report (labels) exports of contacts', () => {
    const loader = read('salesforce-dataloader.csv');
    expect(loader.format).toBe('Salesforce contacts or leads export');
    expect(loader.contacts[0]).toMatchObject({
      firstName: 'Chidi', lastName: 'Okafor', title: 'Head of Procurement', emails: [{ value: 'chidi@okafor.example' }],
      phones: [{ raw: '+234 1 234 5678', label: 'work' }, { raw: '+234 803 123 4567', label: 'mobile' }],
      addresses: [{ street: '12 Marina Rd', city: 'Lagos', region: 'LA', postalCode: '101241', country: 'Nigeria' }],
      notes: 'Met at GITEX.', customFields: { Salutation: 'Mr.', Department: 'Procurement', 'Lead Source': 'Trade Show' },
    });
    expect(loader.contacts[0]!.customFields).not.toHaveProperty('Id');
    const report = read('salesforce-report.csv');
    expect(report.format).toBe('Salesforce contacts or leads export');
    expect(report.contacts[0]).toMatchObject({
      firstName: 'Yuki', lastName: 'Tanaka', company: 'Sakura Trading', title: 'CFO', emails: [{ value: 'yuki@sakura.example' }],
      phones: [{ raw: '+81 3 1234 5678', label: 'work' }, { raw: '+81 90 1234 5678', label: 'mobile' }],
      addresses: [{ city: 'Tokyo', postalCode: '100-0005', country: 'Japan' }],
    });
  });
});

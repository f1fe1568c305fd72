import { address, email, field, IGNORE, KEEP, keepAs, phone, type Vocabulary } from './meaning';

/**
 * A HubSpot contacts export (Contacts → Export). HubSpot names the columns
 * by each property's label; the labels and internal names are those of
 * HubSpot's default contact properties (knowledge.hubspot.com, "HubSpot's
 * default contact properties"; internal names as the CRM API v3 returns them:
 * firstname, lastname, email, phone, mobilephone, company, jobtitle, address,
 * city, state, zip, country, website, hs_additional_emails). Sales-process
 * columns (owner, lifecycle stage, lead status) are kept as custom fields so
 * nothing the rep exported is lost; record ids and timestamps are HubSpot's
 * bookkeeping and are ignored.
 */
export const hubSpot: Vocabulary = {
  name: 'HubSpot contacts export',
  source: 'HubSpot CRM contact export (property labels and internal names)',
  columns: {
    'Record ID': IGNORE, 'hs_object_id': IGNORE, 'First Name': field('firstName'), 'firstname': field('firstName'),
    'Last Name': field('lastName'), 'lastname': field('lastName'), 'Email': email(1), 'email': email(1),
    'Additional email addresses': email(2), 'hs_additional_emails': email(2),
    'Phone Number': phone('work'), 'phone': phone('work'), 'Mobile Phone Number': phone('mobile'), 'mobilephone': phone('mobile'),
    'Fax Number': phone('fax'), 'fax': phone('fax'),
    'Company Name': field('company'), 'company': field('company'), 'Associated Company': keepAs('Associated company'),
    'Job Title': field('title'), 'jobtitle': field('title'), 'Website URL': field('website'), 'website': field('website'),
    'Street Address': address('address', 'street'), 'address': address('address', 'street'),
    'City': address('address', 'city'), 'city': address('address', 'city'),
    'State/Region': address('address', 'region'), 'state': address('address', 'region'),
    'Postal Code': address('address', 'postalCode'), 'zip': address('address', 'postalCode'),
    'Country/Region': address('address', 'country'), 'country': address('address', 'country'),
    'Contact owner': KEEP, 'hubspot_owner_id': IGNORE, 'Lifecycle Stage': keepAs('Lifecycle Stage'), 'lifecyclestage': keepAs('Lifecycle Stage'),
    'Lead Status': keepAs('Lead Status'), 'hs_lead_status': keepAs('Lead Status'), 'Marketing contact status': IGNORE,
    'Create Date': IGNORE, 'createdate': IGNORE, 'Last Activity Date': IGNORE, 'Last Modified Date': IGNORE,
    'lastmodifieddate': IGNORE, 'Industry': KEEP, 'LinkedIn URL': keepAs('LinkedIn profile'),
    'Message': KEEP,
  },
};

import { email, field, keepAs, type Vocabulary } from './meaning';

/**
 * LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your
 * data). It starts with a "Notes:" preamble before the header row; the column
 * names are those of the sample export in the corpus
 * (silkyrich/linkedin-export-viewer fixtures/sample_export/Connections.csv) and
 * of agamm/rolomind tests/fixtures/linkedin.csv. URL is the person's LinkedIn
 * profile, not a company website; "Connected On" is when the connection was
 * made ("15 Jan 2024"), kept as written.
 */
export const linkedIn: Vocabulary = {
  name: 'LinkedIn connections',
  source: 'LinkedIn data export, Connections.csv',
  columns: {
    'First Name': field('firstName'), 'Last Name': field('lastName'), 'URL': keepAs('LinkedIn profile'),
    'Email Address': email(1), 'Company': field('company'), 'Position': field('title'), 'Connected On': keepAs('Connected on LinkedIn'),
  },
};

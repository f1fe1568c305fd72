/**
 * The standard contact columns the sandbox knows, with their MaxLength (contact
 * table reference, learn.microsoft.com/power-apps/developer/data-platform/reference/entities/contact).
 * Writes to any other name are refused as Dataverse refuses them.
 */
export const STANDARD_COLUMNS: Readonly<Record<string, number>> = {
  firstname: 50,
  lastname: 50,
  jobtitle: 100,
  websiteurl: 200,
  emailaddress1: 100,
  emailaddress2: 100,
  emailaddress3: 100,
  telephone1: 50,
  telephone2: 50,
  telephone3: 50,
  mobilephone: 50,
  address1_line1: 250,
  address1_city: 80,
  address1_stateorprovince: 50,
  address1_postalcode: 20,
  address1_country: 80,
  address2_line1: 250,
  address2_city: 80,
  address2_stateorprovince: 50,
  address2_postalcode: 20,
  address2_country: 80,
  description: 2_000,
};

import type { Reply } from '../shared/http';
import { correlationId } from '../shared/ids';

/**
 * Mailchimp's error answers: RFC 7807 problem details with the content type
 * application/problem+json, `type`, `title`, `status`, `detail`, `instance`, and
 * for validation an `errors` array of { field, message }. Titles and details as
 * Mailchimp's error glossary words them (mailchimp.com/developer/marketing/docs/errors/).
 */
export class MailchimpError extends Error {
  constructor(readonly status: number, readonly title: string, readonly detail: string, readonly errors?: { field: string; message: string }[]) {
    super(detail);
    this.name = 'MailchimpError';
  }

  toReply(): Reply {
    return {
      status: this.status,
      contentType: 'application/problem+json; charset=utf-8',
      body: { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title: this.title, status: this.status, detail: this.detail, instance: correlationId(), ...(this.errors ? { errors: this.errors } : {}) },
    };
  }
}

/** 401 APIKeyInvalid: "Your API key may be invalid, or you've attempted to access the wrong datacenter." */
export const apiKeyInvalid = (): MailchimpError => new MailchimpError(401, 'API Key Invalid', 'Your API key may be invalid, or you\'ve attempted to access the wrong datacenter.');
export const apiKeyMissing = (): MailchimpError => new MailchimpError(401, 'API Key Missing', 'Your request did not include an API key.');
/** 404 ResourceNotFound */
export const notFound = (): MailchimpError => new MailchimpError(404, 'Resource Not Found', 'The requested resource could not be found.');
export const methodNotAllowed = (): MailchimpError => new MailchimpError(405, 'Method Not Allowed', 'The requested method and resource are not compatible. See the Allow header for this resource\'s available methods.');
/** 400 InvalidResource, with the field messages in `errors` */
export const invalidResource = (detail: string, errors?: { field: string; message: string }[]): MailchimpError => new MailchimpError(400, 'Invalid Resource', detail, errors);
export const validationFailed = (errors: { field: string; message: string }[]): MailchimpError => invalidResource('The resource submitted could not be validated. For field-specific details, see the \'errors\' array.', errors);
export const jsonParseError = (): MailchimpError => new MailchimpError(400, 'JSON Parse Error', 'We encountered an unspecified JSON parsing error.');
/** 429 TooManyRequests: the account has more than its simultaneous connections open (Fundamentals → API limits). */
export const tooManyConnections = (limit: number): MailchimpError => new MailchimpError(429, 'Too Many Requests', `You have exceeded the limit of ${limit} simultaneous connections.`);
export const serverError = (status: number): MailchimpError => new MailchimpError(status, status === 503 ? 'Service Unavailable' : 'Internal Server Error', 'An unexpected internal error has occurred. Please contact Support for more information.');

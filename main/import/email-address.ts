/**
 * Whether text is an e-mail address worth keeping. The local part is RFC 5322
 * section 3.2.3 "dot-atom" text (letters, digits and ! # $ % & ' * + - / = ? ^
 * _ ` { | } ~, dots between them), widened to any Unicode letter as RFC 6531
 * allows; quoted local parts ("a b"@x) are refused, since no CRM takes them.
 * The domain needs a dot: "user@localhost" reaches no one a rep sells to. So
 * "test,user@example.com" (a vCard's escaped comma, read back) is refused.
 */
const ATOM = "[\\p{L}\\p{N}\\p{M}!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[\\p{L}\\p{N}\\p{M}](?:[\\p{L}\\p{N}\\p{M}-]*[\\p{L}\\p{N}\\p{M}])?';
const EMAIL = new RegExp(`^${ATOM}(?:\\.${ATOM})*@${LABEL}(?:\\.${LABEL})+$`, 'u');

export function isEmailAddress(text: string): boolean {
  return text.length <= 320 && EMAIL.test(text);
}

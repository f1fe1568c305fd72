/**
 * The scrubber as it was before issue 11 (quadratic on runs like "a.a.a."),
 * kept only so a property test can show the linear one hides the same things.
 *
 * Removes anything that looks like a credential from a sentence before it
 * leaves main. Errors from HTTP clients like to quote headers, URLs and
 * request bodies; none of that may reach the renderer, a log or a socket.
 */
const HIDDEN = '[hidden]';

const RULES: [RegExp, string][] = [
  // Authorization headers and bearer tokens
  [/\b(Bearer|Basic|OAuth)\s+[^\s"',;]+/gi, `$1 ${HIDDEN}`],
  // key=value, key: value, "key":"value" for secret-ish keys
  [/\b((?:access|refresh|id)_?token|client_?secret|api_?key|apikey|password|passwd|secret|token|authorization|hapikey|signature|sig|code_verifier|code)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, `$1$2${HIDDEN}`],
  // Zapier catch hooks: the URL itself is the credential
  [/(https?:\/\/hooks\.zapier\.com\/hooks\/)[^\s"']+/gi, `$1${HIDDEN}`],
  // user:password@ in URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, `$1${HIDDEN}@`],
  // JWTs
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, HIDDEN],
  // HubSpot private-app tokens, Salesforce session ids
  [/\bpat-[a-z0-9]{2,4}-[\w-]{8,}/gi, HIDDEN],
  [/\b00D\w{12,15}![\w.]+/g, HIDDEN],
  // any other long opaque run of token characters (mixed letters and digits)
  [/\b(?=[\w.~+/-]*\d)(?=[\w.~+/-]*[A-Za-z])[\w.~+/-]{32,}={0,2}/g, HIDDEN],
];

export function referenceScrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

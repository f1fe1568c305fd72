/**
 * Removes anything that looks like a credential from a sentence before it
 * leaves main. Errors from HTTP clients like to quote headers, URLs and
 * request bodies; none of that may reach the renderer, a log or a socket.
 *
 * Invariant: linear in the length of the text. Every pattern can start only
 * where its first character cannot continue a longer run (a lookbehind, not
 * `\b`), so no position inside a long run of token characters ("a.a.a.…")
 * rescans the rest of it; the opaque-token rule takes each maximal run once
 * and decides in a callback. (The previous rules took 11 s on 100,000
 * characters; tests/bench/scrub.bench.ts prints the numbers.)
 */
const HIDDEN = '[hidden]';

/** The characters of an opaque token run. */
const TOKEN_RUN = /[\w.~+/-]+={0,2}/g;
const RUN_PREFIX = /^[.~+/-]*/;

const RULES: [RegExp, string][] = [
  // Authorization headers and bearer tokens
  [/(?<![\w])(Bearer|Basic|OAuth)\s+[^\s"',;]+/gi, `$1 ${HIDDEN}`],
  // key=value, key: value, "key":"value" for secret-ish keys
  [/(?<![\w])((?:access|refresh|id)_?token|client_?secret|api_?key|apikey|password|passwd|secret|token|authorization|hapikey|signature|sig|code_verifier|code)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, `$1$2${HIDDEN}`],
  // Zapier catch hooks: the URL itself is the credential
  [/(https?:\/\/hooks\.zapier\.com\/hooks\/)[^\s"']+/gi, `$1${HIDDEN}`],
  // user:password@ in URLs (a scheme starts where no scheme character precedes it)
  [/((?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, `$1${HIDDEN}@`],
  // JWTs
  [/(?<![\w-])eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, HIDDEN],
  // HubSpot private-app tokens, Salesforce session ids
  [/(?<![\w-])pat-[a-z0-9]{2,4}-[\w-]{8,}/gi, HIDDEN],
  [/(?<![\w])00D\w{12,15}![\w.]+/g, HIDDEN],
];

/**
 * Any other long opaque run of token characters (32 or more, mixed letters and
 * digits), from its first word character on; a leading "/", "." or "-" stays.
 */
function hideOpaqueRun(run: string): string {
  const prefix = RUN_PREFIX.exec(run)?.[0] ?? '';
  const body = run.slice(prefix.length).replace(/=+$/, '');
  return body.length >= 32 && /\d/.test(body) && /[A-Za-z]/.test(body) ? `${prefix}${HIDDEN}` : run;
}

export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out.replace(TOKEN_RUN, hideOpaqueRun);
}

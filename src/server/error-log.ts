/**
 * Every server error (a 5xx) is logged, with or without LOG=1: one JSON line on stderr with the
 * method, the route's pattern (never the URL, whose query may carry anything) and the error's
 * name, message and stack. Nothing of the request is copied in: no headers, cookies, body or
 * query. An error's own message may still quote one (a driver echoing a value, a library
 * echoing a header), so each secret the request carried, and anything shaped like a token, a
 * credential or an address, is blanked in the message and the stack before the line is written.
 */
import type { FastifyRequest } from 'fastify';

const REDACTED = '[redacted]';

/** The request's own secrets: credentials, the CSRF token, query and body values. */
function secretsOf(request: FastifyRequest): string[] {
  const found = new Set<string>();
  const add = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(add);
    else if (typeof value === 'string' && value.length >= 4) found.add(value);
  };
  const { authorization, cookie } = request.headers;
  add(authorization);
  add(authorization?.replace(/^\S+\s+/, ''));
  add(request.headers['proxy-authorization']);
  add(cookie);
  for (const part of cookie?.split(';') ?? []) add(part.slice(part.indexOf('=') + 1).trim());
  add(request.headers['x-csrf-token']);
  const search = request.url.split('?')[1];
  add(search);
  for (const value of new URLSearchParams(search ?? '').values()) add(value);
  // The body's strings, breadth first, up to a bound: an error's message quotes a field, not
  // the 30,000th string of an import.
  const queue: unknown[] = [request.body];
  for (let seen = 0; queue.length && seen < 2000; seen++) {
    const value = queue.shift();
    if (typeof value === 'string') add(value);
    else if (value && typeof value === 'object') queue.push(...Object.values(value));
  }
  // Longest first, so a value that contains another is blanked whole.
  return [...found].sort((a, b) => b.length - a.length);
}

/** Secrets by their shape; `$1` keeps a name=value's name, so the line says what was blanked. */
const PATTERNS: [RegExp, string][] = [
  // Bearer and Basic credentials, and header lines that carry them.
  [/\b(bearer|basic)\s+\S+/gi, REDACTED],
  [/\b(authorization|cookie|set-cookie|x-csrf-token)(\s*[:=]\s*)[^\n]+/gi, `$1$2${REDACTED}`],
  [
    /\b([\w-]*(?:password|passwd|secret|token|csrf|code|session)[\w-]*["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
    `$1${REDACTED}`,
  ],
  // Credentials in a URL, such as postgres://user:password@host.
  [/\/\/[^/\s:@]+:[^/\s@]+@/g, `//${REDACTED}@`],
  // IP addresses (privacy rules: never stored, never logged).
  [/(?<![\d.])\d{1,3}(\.\d{1,3}){3}(?![\d.])/g, REDACTED],
  [
    /(?<![\w:])(?=[0-9a-f:]*::|(?:[0-9a-f]{1,4}:){7})([0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi,
    REDACTED,
  ],
];

/**
 * A random-looking run: 24+ characters of a token's alphabet (base64url, hex), letters and digits
 * mixed. Not `/`, so a path in a stack trace stays whole.
 */
const TOKEN_LIKE = /[A-Za-z0-9_+=-]{24,}/g;
const UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;

export function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(TOKEN_LIKE, (run) =>
    UUID.test(run) || !/\d/.test(run) || !/[A-Za-z]/.test(run) ? run : REDACTED,
  );
}

export interface ServerErrorLine {
  level: 'error';
  time: string;
  msg: 'server error';
  method: string;
  route: string;
  error: { name: string; message: string; stack?: string };
}

/** Writes one line for a server error; `write` is stderr unless a test says otherwise. */
export function logServerError(
  request: FastifyRequest,
  error: Error,
  write: (line: string) => unknown = (line) => process.stderr.write(line),
): void {
  const secrets = secretsOf(request);
  const line: ServerErrorLine = {
    level: 'error',
    time: new Date().toISOString(),
    msg: 'server error',
    method: request.method,
    route: request.routeOptions.url ?? '(no route)',
    error: {
      name: redact(String(error.name), secrets),
      message: redact(String(error.message), secrets),
      ...(error.stack ? { stack: redact(error.stack, secrets) } : {}),
    },
  };
  write(`${JSON.stringify(line)}\n`);
}

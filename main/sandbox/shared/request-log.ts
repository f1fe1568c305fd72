/** One request a sandbox answered (or dropped). */
export interface LoggedRequest {
  /** when the sandbox began serving it, after any injected latency: the moment its rate limits counted it */
  at: number;
  method: string;
  path: string;
  /** the route pattern, or `METHOD <unmatched>` */
  route: string;
  /** HTTP status sent; 0 when the connection was dropped instead */
  status: number;
  /** length of the request target (path and query), as sent */
  uriChars?: number;
}

export interface RequestStats {
  total: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** answers with status 429, whatever the cause (limit or injected fault) */
  rateLimited: number;
  dropped: number;
}

/**
 * Keeps counts of every request for assertions and benchmarks, and the most
 * recent `capacity` entries in full (bounded so a 100k-contact run stays small).
 */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private stats: RequestStats = emptyStats();

  constructor(private readonly capacity = 5_000) {}

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    const s = this.stats;
    s.total += 1;
    s.byRoute[entry.route] = (s.byRoute[entry.route] ?? 0) + 1;
    s.byStatus[String(entry.status)] = (s.byStatus[String(entry.status)] ?? 0) + 1;
    if (entry.status === 429) s.rateLimited += 1;
    if (entry.status === 0) s.dropped += 1;
  }

  recent(): LoggedRequest[] {
    return [...this.entries];
  }

  summary(): RequestStats {
    const s = this.stats;
    return { ...s, byRoute: { ...s.byRoute }, byStatus: { ...s.byStatus } };
  }

  clear(): void {
    this.entries = [];
    this.stats = emptyStats();
  }
}

function emptyStats(): RequestStats {
  return { total: 0, byRoute: {}, byStatus: {}, rateLimited: 0, dropped: 0 };
}

import { z } from 'zod';

/**
 * Zapier's answer to a catch hook:
 * `{"attempt":"…","id":"…","request_id":"…","status":"success"}`. It proves
 * receipt only — Zapier answers the same when no Zap listens or the Zap is off.
 * Silent hooks answer with an empty body; every field is optional.
 */
const zapierAnswerSchema = z.object({
  attempt: z.string().optional().catch(undefined),
  id: z.string().optional().catch(undefined),
  request_id: z.string().optional().catch(undefined),
  status: z.string().optional().catch(undefined),
});

export type ZapierAnswer = z.infer<typeof zapierAnswerSchema>;

/** Never throws: a 2xx whose body Ferry cannot read is still a delivery. */
export function parseZapierAnswer(text: string): ZapierAnswer {
  if (!text.trim()) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  const parsed = zapierAnswerSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

/** Zapier's own id for the delivery when it gave one (for support), else Ferry's event id. */
export function deliveryId(answer: ZapierAnswer, eventId: string): string {
  return answer.request_id || answer.id || eventId;
}

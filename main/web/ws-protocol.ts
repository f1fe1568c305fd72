import { z } from 'zod';

/**
 * The web mode's wire protocol over one WebSocket:
 *   client → server  { id, channel, input }
 *   server → client  { id, result }            (result is the router's CallResult)
 *   server → client  { event, payload }        (contract events, pushed)
 */
export const requestSchema = z.object({
  id: z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(64)]),
  channel: z.string().max(100),
  input: z.unknown().optional(),
}).strict();

/** The largest message a socket accepts: an import of MAX_IMPORT_BYTES in base64 plus the envelope. */
export const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

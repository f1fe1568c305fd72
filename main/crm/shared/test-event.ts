import { randomBytes } from 'node:crypto';

/**
 * "Send test event" (webhook) and "Test" (Zapier): one event that says it is
 * a test and carries no contact, so a receiver or a Zap can be checked end to
 * end before any real data flows. Its type is `ferry.test`, which no contact
 * event ever uses, so a receiver can ignore it.
 */
export const TEST_EVENT_TYPE = 'ferry.test';

export interface TestEvent {
  event_type: typeof TEST_EVENT_TYPE;
  event_id: string;
  sent_at: string;
  message: string;
}

export function buildTestEvent(now: number): TestEvent {
  return {
    event_type: TEST_EVENT_TYPE,
    event_id: `evt_test_${randomBytes(12).toString('hex')}`,
    sent_at: new Date(now).toISOString(),
    message: 'A test event from Ferry: it carries no contact. Your receiver answered, so deliveries will reach it.',
  };
}

import { z } from 'zod';
import { adminBody } from '../shared/admin-body';
import { adminOk, type AdminHandler } from '../shared/admin-routes';
import { createDeliveryAdmin, deliveryAdminRouter, type DeliverySandboxAdmin, type DeliveryState } from '../shared/delivery-admin';
import type { Router } from '../shared/router';

/** What the webhook sandbox checks on each delivery; changeable at run time. */
export interface WebhookVerification {
  /** the shared signing secret */
  secret: string;
  /** how far a signature timestamp may be from the sandbox clock */
  toleranceSeconds: number;
  /** false: record an invalid signature but accept the delivery anyway (a lax receiver) */
  rejectInvalid: boolean;
}

/** Typed control of a running webhook sandbox; `/__sandbox/` routes call the same methods. */
export interface WebhookSandboxAdmin extends DeliverySandboxAdmin {
  setVerification(next: Partial<WebhookVerification>): void;
  /** the settings without the secret */
  verification(): Omit<WebhookVerification, 'secret'>;
  snapshot(): WebhookSandboxSnapshot;
}

export interface WebhookSandboxSnapshot {
  stats: ReturnType<DeliverySandboxAdmin['stats']>;
  requests: ReturnType<DeliverySandboxAdmin['requests']>;
  verification: Omit<WebhookVerification, 'secret'>;
  failMode: { status: number } | null;
  pendingFaults: ReturnType<DeliverySandboxAdmin['pendingFaults']>;
}

const verificationSchema = z.object({
  secret: z.string().min(1).optional(),
  toleranceSeconds: z.number().int().min(0).optional(),
  rejectInvalid: z.boolean().optional(),
}).strict();

export function createWebhookAdmin(state: DeliveryState, verification: WebhookVerification): WebhookSandboxAdmin {
  const base = createDeliveryAdmin(state, () => undefined);
  const publicView = (): Omit<WebhookVerification, 'secret'> => ({ toleranceSeconds: verification.toleranceSeconds, rejectInvalid: verification.rejectInvalid });
  return {
    ...base,
    setVerification: (next) => { Object.assign(verification, verificationSchema.parse(next)); },
    verification: publicView,
    snapshot: () => ({
      stats: base.stats(),
      requests: base.requests(),
      verification: publicView(),
      failMode: state.settings.failMode,
      pendingFaults: base.pendingFaults(),
    }),
  };
}

export function webhookAdminRouter(): Router<AdminHandler<WebhookSandboxAdmin>> {
  return deliveryAdminRouter<WebhookSandboxAdmin>()
    .add('PUT', '/__sandbox/verification', (req, admin) => { admin.setVerification(adminBody(req, verificationSchema)); return adminOk; });
}

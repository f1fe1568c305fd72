import type { AllocationView } from '../../preload/schemas/connection';
import { allocationAdvice, allocationLine, overHeadroom, type AllocationReading } from '../sync/allocation';

/** The card's (and `ferry status`'s) numbers for a connection's daily allocation; null when the CRM never stated one. */
export function allocationView(crmName: string, reading: AllocationReading | undefined, stopAtPercent: number): AllocationView | null {
  if (!reading || reading.limit <= 0) return null;
  return { ...reading, stopAtPercent, held: overHeadroom(reading, stopAtPercent), line: allocationLine(crmName, reading), advice: allocationAdvice(reading, stopAtPercent) };
}

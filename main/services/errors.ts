import type { ErrorCode } from '../../preload/contract';

/** An error whose sentence is meant for the user, with the contract's code. */
export class ServiceError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ServiceError';
  }
}

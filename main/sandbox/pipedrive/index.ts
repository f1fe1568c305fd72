export { startPipedriveSandbox, type PipedriveSandbox, type PipedriveSandboxOptions } from './server';
export type { PipedriveSandboxAdmin, PipedriveSnapshot } from './admin';
export type { LimitSettings as PipedriveLimitSettings, Plan as PipedrivePlan } from './limits';
export type { Person as SandboxPerson } from './store';

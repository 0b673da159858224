/** What every API and page handler finds on its context: the runtime, the caller, the request id and logger. */
import type { Logger } from '../log.ts';
import type { Runtime } from '../runtime.ts';
import type { UserRow } from '../store/users.ts';
import type { Limits } from './limits.ts';

export interface Principal {
  user: UserRow;
  via: 'token' | 'session';
  /** The credential used (`token:<id>` or `session`), recorded with the person's audit entries. */
  credential?: string;
  /** Set for sessions: forms and unsafe API calls from pages must echo it. */
  csrfToken?: string;
}

export interface ApiEnv {
  Variables: {
    runtime: Runtime;
    principal: Principal | null;
    requestId: string;
    log: Logger;
    limits: Limits;
  };
}

/**
 * A CLI command that acts as a person carries that person's credential: their API token in TIEOUT_TOKEN. The
 * token names the user (their role comes from the store, so src/roles.ts decides as it does for the API), and
 * the audit entries the command writes name that user and the token used. There is no "--user" to name
 * someone else: one person cannot propose as one user and approve as another.
 */
import type { Actor } from '../approvals/actor.ts';
import { actorOf } from '../approvals/people.ts';
import { ACTIONS, CLI_COMMANDS, can, rolesFor } from '../roles.ts';
import type { Store } from '../store/db.ts';
import { liveToken } from '../store/users.ts';
import { CliError } from './errors.ts';

export const TOKEN_ENV = 'TIEOUT_TOKEN';

/** The person a command acts as, refused (exit 3 without a live token, 4 for a role that may not; README: exit codes) unless their role may take its action. */
export function cliActor(store: Store, command: string, env: NodeJS.ProcessEnv = process.env): Actor {
  const decision = CLI_COMMANDS[command];
  if (!decision || !('acts' in decision)) {
    throw new CliError(`tieout ${command} does not act as a person (src/roles.ts)`, 'internal');
  }
  const action = decision.acts;
  const token = env[TOKEN_ENV]?.trim();
  if (!token) {
    throw new CliError(
      `tieout ${command} acts as a person: set ${TOKEN_ENV} to your API token (it takes the role ${rolesFor(action)})`,
      'unauthorized',
    );
  }
  const live = liveToken(store.db, token);
  if (!live) {
    throw new CliError(
      `${TOKEN_ENV} is not a live token (unknown, revoked, expired, or its user is disabled); ask an admin`,
      'unauthorized',
    );
  }
  if (!can(live.user.role, action)) {
    throw new CliError(
      `${live.user.email} is a ${live.user.role}; to ${ACTIONS[action].what} takes the role ${rolesFor(action)}`,
      'forbidden',
    );
  }
  return { ...actorOf(live.user), credential: `token:${live.tokenId}` };
}

/**
 * `tieout users add --email E --role R [--company C] [--expires ISO] [--password-stdin]` prints a new API token
 * (shown once); `tieout users list`, `tieout users token` (yourself, with TIEOUT_TOKEN), `tieout users revoke --token-id ID`,
 * `tieout users assign --email E --company C --job N` (the jobs a pm reads). Every change is audited.
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Runtime } from '../../runtime.ts';
import { ROLES, type Role } from '../../store/schema/enums.ts';
import type { findUserByEmail } from '../../store/users.ts';
import { CliError } from '../errors.ts';

const actor = () => process.env.TIEOUT_ACTOR ?? `cli:${userInfo().username}`;

/** The operator acts with an installation admin's rights over people, named by their OS account. */
const operatorCtx = (runtime: Runtime) => ({
  actor: { id: actor(), role: 'admin' as const, credential: 'operator' },
  store: runtime.store,
});

async function withRuntime<T>(
  cmd: Command,
  name: string,
  fn: (runtime: Runtime) => Promise<T> | T,
): Promise<T> {
  const { openRuntime } = await import('../../runtime.ts');
  const runtime = await openRuntime({
    configPath: cmd.optsWithGlobals().config,
    command: name,
    writes: true,
  });
  try {
    return await fn(runtime);
  } finally {
    runtime.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function checkExpiry(expires: string | undefined): string | null {
  if (expires === undefined) return null;
  const at = new Date(expires);
  if (Number.isNaN(at.getTime()))
    throw new CliError(`--expires "${expires}" is not a date; write 2027-06-30 or an ISO time`);
  return at.toISOString();
}

function userByEmail(
  runtime: Runtime,
  email: string,
  find: typeof findUserByEmail,
): NonNullable<ReturnType<typeof findUserByEmail>> {
  const user = find(runtime.store.db, email);
  if (!user)
    throw new CliError(`no user ${email}; \`tieout users list\` shows them`, 'not_found', 'user_not_found');
  return user;
}

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('people, their roles and API tokens');

  users
    .command('add')
    .description('add a user and print their first API token (shown once)')
    .requiredOption('--email <email>', 'their email (the sign-in name)')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .option('--company <id>', 'limit them to one company')
    .option('--expires <date>', 'token expiry (default: none)')
    .option('--password-stdin', 'also set a page password, read from standard input')
    .action(
      async (
        opts: { email: string; role: string; company?: string; expires?: string; passwordStdin?: boolean },
        cmd: Command,
      ) => {
        if (!ROLES.includes(opts.role as Role))
          throw new CliError(`--role "${opts.role}" is not a role; use one of ${ROLES.join(', ')}`);
        if (!/^[^@\s]+@[^@\s]+$/.test(opts.email))
          throw new CliError(`--email "${opts.email}" is not an email address`);
        const expiresAt = checkExpiry(opts.expires);
        const { addUser } = await import('../../users/add.ts');
        const { hashPassword } = await import('../../store/users.ts');
        const passwordHash = opts.passwordStdin ? await hashPassword(await readStdin()) : null;
        await withRuntime(cmd, 'users add', (runtime) => {
          if (opts.company) runtime.company(opts.company);
          const made = addUser({
            ctx: operatorCtx(runtime),
            input: {
              email: opts.email,
              role: opts.role as Role,
              companyId: opts.company ?? null,
              passwordHash,
              expiresAt,
            },
          });
          process.stderr.write(
            `added ${made.user.email} (${made.user.role}); the token below is shown only now:\n`,
          );
          process.stdout.write(`${made.token}\n`);
        });
      },
    );

  users
    .command('list')
    .description('list users and their tokens (never the token values)')
    .action(async (_opts: unknown, cmd: Command) => {
      const { listTokens, listUsers } = await import('../../store/users.ts');
      await withRuntime(cmd, 'users list', (runtime) => {
        for (const u of listUsers(runtime.store.db)) {
          const tokens = listTokens(runtime.store.db, u.id);
          const live = tokens.filter((t) => !t.revokedAt).length;
          process.stdout.write(
            `${u.email}\t${u.role}\t${u.companyId ?? '(all companies)'}\t${live} live token(s)\n`,
          );
          for (const t of tokens) {
            process.stdout.write(
              `  ${t.id}\t${t.name}\t${t.revokedAt ? `revoked ${t.revokedAt}` : `expires ${t.expiresAt ?? 'never'}`}\n`,
            );
          }
        }
      });
    });

  users
    .command('token')
    .description('issue yourself another API token (acts as the holder of TIEOUT_TOKEN)')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--expires <date>', 'token expiry (default: none)')
    .action(async (opts: { name: string; expires?: string }, cmd: Command) => {
      const expiresAt = checkExpiry(opts.expires);
      const { cliActor } = await import('../credential.ts');
      const { issueOwnToken } = await import('../../users/issue-token.ts');
      await withRuntime(cmd, 'users token', (runtime) => {
        // A token is only ever issued to its holder: nobody mints a credential for someone else.
        const holder = cliActor(runtime.store, 'users token');
        const issued = issueOwnToken({
          ctx: { actor: holder, store: runtime.store },
          input: { name: opts.name, expiresAt },
        });
        process.stdout.write(`${issued.token}\n`);
      });
    });

  users
    .command('revoke')
    .description('revoke an API token')
    .requiredOption('--token-id <id>', 'the token id (`tieout users list`)')
    .action(async (opts: { tokenId: string }, cmd: Command) => {
      const { revokeToken } = await import('../../users/revoke-token.ts');
      await withRuntime(cmd, 'users revoke', (runtime) => {
        revokeToken({ ctx: operatorCtx(runtime), input: { tokenId: opts.tokenId } });
        process.stdout.write(`revoked ${opts.tokenId}\n`);
      });
    });

  users
    .command('assign')
    .description('give a pm a job to read')
    .requiredOption('--email <email>', 'the user')
    .requiredOption('--company <id>', 'company')
    .requiredOption('--job <number>', 'job number')
    .action(async (opts: { email: string; company: string; job: string }, cmd: Command) => {
      const { assignJob } = await import('../../users/assign-job.ts');
      const { findUserByEmail } = await import('../../store/users.ts');
      await withRuntime(cmd, 'users assign', (runtime) => {
        const company = runtime.company(opts.company);
        const user = userByEmail(runtime, opts.email, findUserByEmail);
        assignJob({
          ctx: operatorCtx(runtime),
          input: { userId: user.id, companyId: company.id, jobNumber: opts.job },
        });
        process.stdout.write(`${user.email} reads job ${opts.job} of ${company.id}\n`);
      });
    });

  users
    .command('disable')
    .description('disable a user: their sessions end and every token is revoked, now')
    .requiredOption('--email <email>', 'the user')
    .action(async (opts: { email: string }, cmd: Command) => {
      const { disableUser } = await import('../../users/disable.ts');
      const { findUserByEmail } = await import('../../store/users.ts');
      await withRuntime(cmd, 'users disable', (runtime) => {
        const user = disableUser({
          ctx: operatorCtx(runtime),
          input: { userId: userByEmail(runtime, opts.email, findUserByEmail).id },
        });
        process.stdout.write(`${user.email} disabled; sessions ended, tokens revoked\n`);
      });
    });

  users
    .command('enable')
    .description('enable a disabled user (they need a new token or their password)')
    .requiredOption('--email <email>', 'the user')
    .action(async (opts: { email: string }, cmd: Command) => {
      const { enableUser } = await import('../../users/enable.ts');
      const { findUserByEmail } = await import('../../store/users.ts');
      await withRuntime(cmd, 'users enable', (runtime) => {
        const user = enableUser({
          ctx: operatorCtx(runtime),
          input: { userId: userByEmail(runtime, opts.email, findUserByEmail).id },
        });
        process.stdout.write(`${user.email} enabled\n`);
      });
    });

  users
    .command('role')
    .description("change a user's role (their sessions end; an approver grant emails the other approvers)")
    .requiredOption('--email <email>', 'the user')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .action(async (opts: { email: string; role: string }, cmd: Command) => {
      if (!ROLES.includes(opts.role as Role))
        throw new CliError(`--role "${opts.role}" is not a role; use one of ${ROLES.join(', ')}`);
      const { changeRole } = await import('../../users/role.ts');
      const { findUserByEmail } = await import('../../store/users.ts');
      await withRuntime(cmd, 'users role', (runtime) => {
        const user = changeRole({
          ctx: operatorCtx(runtime),
          input: { userId: userByEmail(runtime, opts.email, findUserByEmail).id, role: opts.role as Role },
        });
        process.stdout.write(`${user.email} is now ${user.role}\n`);
      });
    });

  users
    .command('company')
    .description('limit a user to one company, or --all for every company (their sessions end)')
    .requiredOption('--email <email>', 'the user')
    .option('--company <id>', 'the one company they may see')
    .option('--all', 'every company of the installation')
    .action(async (opts: { email: string; company?: string; all?: boolean }, cmd: Command) => {
      if (!opts.company === !opts.all) throw new CliError('give either --company ID or --all');
      const { assignCompany } = await import('../../users/company.ts');
      const { findUserByEmail } = await import('../../store/users.ts');
      await withRuntime(cmd, 'users company', (runtime) => {
        if (opts.company) runtime.company(opts.company);
        const user = assignCompany({
          ctx: operatorCtx(runtime),
          input: {
            userId: userByEmail(runtime, opts.email, findUserByEmail).id,
            companyId: opts.company ?? null,
          },
        });
        process.stdout.write(`${user.email} sees ${user.companyId ?? 'every company'}\n`);
      });
    });

  users
    .command('password')
    .description("reset a user's page password, read from standard input (their sessions end)")
    .requiredOption('--email <email>', 'the user')
    .action(async (opts: { email: string }, cmd: Command) => {
      const { findUserByEmail, hashPassword } = await import('../../store/users.ts');
      const { resetPassword } = await import('../../users/password.ts');
      const passwordHash = await hashPassword(await readStdin());
      await withRuntime(cmd, 'users password', (runtime) => {
        const user = userByEmail(runtime, opts.email, findUserByEmail);
        resetPassword({ ctx: operatorCtx(runtime), input: { userId: user.id, passwordHash } });
        process.stdout.write(`${user.email}: password reset; sessions ended\n`);
      });
    });
}

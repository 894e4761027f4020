import type { Command } from 'commander';

/**
 * One example line (or more) per command, shown at the end of its `--help` and in the
 * README's CLI section. Kept in one table, by command path, so the commands' own files
 * stay about what they do; a test fails when a command has none.
 */
export const CLI_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  migrate: ['migrate'],
  'projections rebuild': ['projections rebuild', 'projections rebuild identity.users'],
  'projections status': ['projections status'],
  watch: ['watch 1    # with MAILROOM_TOKEN=<session or API token>'],
  'audit export': [
    'audit export --mailbox 1 --format csv --out history.csv',
    'audit export --mailbox 1 --from 2026-01-01T00:00:00Z --to 2026-06-30T23:59:59Z > first-half.ndjson',
  ],
  'audit verify': ['audit verify', 'audit verify --checkpoint checkpoint.json --public-key audit-public-key.pem --history history.ndjson'],
  'audit checkpoint': ['audit checkpoint > checkpoint.json'],
  'audit checkpoints': ['audit checkpoints'],
  'audit replay': ['audit replay --mailbox 1 --at 2026-03-01T09:00:00Z', 'audit replay --mailbox 1 --at 120'],
  'admin reset-password': ["admin reset-password admin --reason 'lost the first-run password'"],
  'admin unlock': ["admin unlock alice --reason 'verified by phone'"],
  'admin complete-reset': ['admin complete-reset 3'],
  'admin access disable': ["admin access disable 1 --reason 'allow list excluded the administrators'", "admin access disable 1 --api --reason 'API allow list locked out the integration'"],
  'config export': ['config export 3 > mailbox-3.yaml    # with MAILROOM_TOKEN=<session or API token>', 'config export 3 --at 2026-03-01T09:00:00Z --format json --out before.json'],
  'config plan': ['config plan 3 mailbox-3.yaml', 'config plan 12 mailbox-3.yaml    # set up mailbox 12 like mailbox 3'],
  'config apply': ["config apply 3 mailbox-3.yaml --plan plan1.eyJt… --reason 'new relay for the spring campaign'"],
  'config revert': ['config revert 3 --at 2026-03-01T09:00:00Z', "config revert 3 --at 2026-03-01T09:00:00Z --plan plan1.eyJt… --reason 'undo the relay change'"],
  'dkim third-party': ['dkim third-party    # with MAILROOM_DKIM_THIRD_PARTY_DOMAIN=mail.example.net', 'dkim third-party --json'],
  'store copy': [
    'store copy --from sqlite:./data --to postgres://postgres@127.0.0.1:5432/mailroom',
    "store copy --from sqlite:./data --to 'kurrentdb://127.0.0.1:2113?tls=false' --to-read-models postgres://postgres@127.0.0.1:5432/mailroom",
  ],
};

/** Every command that runs something (no subcommands), by its path below the program. */
export const leafCommands = (command: Command, prefix = ''): { path: string; command: Command }[] =>
  command.commands.flatMap((c) => {
    const path = prefix ? `${prefix} ${c.name()}` : c.name();
    return c.commands.length ? leafCommands(c, path) : [{ path, command: c }];
  });

/** Appends the examples of CLI_EXAMPLES to each command's `--help`. */
export const addExamples = (program: Command): void => {
  for (const { path, command } of leafCommands(program)) {
    const examples = CLI_EXAMPLES[path];
    if (!examples) continue;
    command.addHelpText('after', `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((e) => `  $ npm run -s mailroom -- ${e}`).join('\n')}\n`);
  }
};

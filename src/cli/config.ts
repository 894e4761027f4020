import { readFile, writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';

/**
 * `mailroom config export|plan|apply|revert`: settings as code against a running server,
 * over its GraphQL API with MAILROOM_TOKEN, so every change is authorized and audited
 * (actor, client address, reason) exactly like the same change made in the console.
 */

export interface ConfigCliIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  /** @default sets process.exitCode */
  readonly setExitCode?: (code: number) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The plan has refusals (or apply was refused): nothing changed. */
export const EXIT_REFUSED = 2;

const PLAN_FIELDS = `planId mailboxNumber applicable warnings
  changes { section field before after secret }
  commands { index section type path summary eventTypes refusal { path code message } }
  refusals { path code message }`;

interface UserError {
  readonly path: string[];
  readonly code: string;
  readonly message: string;
}
interface Plan {
  readonly planId: string;
  readonly applicable: boolean;
  readonly warnings: string[];
  readonly changes: { section: string; field: string; before: unknown; after: unknown; secret: boolean }[];
  readonly commands: { index: number; type: string; summary: string; eventTypes: string[]; refusal: UserError | null }[];
  readonly refusals: UserError[];
}
interface PlanPayload {
  readonly plan: Plan | null;
  readonly position?: number | null;
  readonly userErrors: UserError[];
}

const positiveInteger = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`Expected a mailbox number (1 or more), got ${JSON.stringify(value)}`);
  return Number(value);
};

/** A global position (digits) or an ISO-8601 date-time. */
const pointArgument = (value: string): { position?: number; at?: string } => {
  if (/^\d+$/.test(value)) return { position: Number(value) };
  if (Number.isNaN(new Date(value).getTime())) throw new InvalidArgumentError(`Expected a position or an ISO-8601 date-time, got ${JSON.stringify(value)}`);
  return { at: new Date(value).toISOString() };
};

const show = (v: unknown): string => (v === null || v === undefined ? '—' : JSON.stringify(v));

/** A plan as a reviewer reads it: changes, then the commands in order with their refusals. */
export const formatPlan = (plan: Plan): string => {
  const lines: string[] = [];
  for (const w of plan.warnings) lines.push(`warning: ${w}`);
  lines.push(plan.changes.length ? 'Changes:' : 'Changes: none');
  for (const c of plan.changes) lines.push(`  ${c.section} ${c.field}: ${c.secret ? 'changed (secret)' : `${show(c.before)} → ${show(c.after)}`}`);
  lines.push(plan.commands.length ? 'Commands, in order:' : 'Commands: none');
  for (const c of plan.commands) {
    const outcome = c.refusal ? `REFUSED ${c.refusal.code} at ${c.refusal.path.join('.')}: ${c.refusal.message}` : c.eventTypes.length ? c.eventTypes.join(', ') : 'no change';
    lines.push(`  ${c.index + 1}. ${c.type} — ${c.summary} → ${outcome}`);
  }
  lines.push(plan.applicable ? `Plan id: ${plan.planId}` : `Not applicable: ${plan.refusals.length} refusal(s); fix the document and plan again`);
  return `${lines.join('\n')}\n`;
};

export const configCommand = (io: ConfigCliIo = { stdout: process.stdout, stderr: process.stderr }): Command => {
  const env = io.env ?? process.env;
  const setExitCode = io.setExitCode ?? ((code: number) => (process.exitCode = code));
  const urlOption = () => new Option('--url <url>', 'GraphQL HTTP URL').default(env['MAILROOM_URL'] ?? `http://127.0.0.1:${env['PORT'] ?? 4000}/graphql`);

  const request = async <T>(url: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const token = env['MAILROOM_TOKEN'];
    if (!token) throw new Error('Set MAILROOM_TOKEN to a session or API token (mutation login or issueApiToken)');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, T>; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; '));
    return Object.values(body.data!)[0]!;
  };

  /** Prints a plan payload; exit status 2 when anything was refused. */
  const report = (payload: PlanPayload, applied: boolean): void => {
    for (const e of payload.userErrors) io.stderr.write(`${e.code} at ${e.path.join('.')}: ${e.message}\n`);
    if (payload.plan) io.stdout.write(formatPlan(payload.plan));
    if (applied && payload.userErrors.length === 0) io.stdout.write(payload.position == null ? 'Applied: nothing to change\n' : `Applied at position ${payload.position}\n`);
    if (payload.userErrors.length || (payload.plan && !payload.plan.applicable)) setExitCode(EXIT_REFUSED);
  };

  const config = new Command('config').description('Settings as code: export a mailbox configuration as a document, plan it (here or on another mailbox), apply, revert');

  config
    .command('export')
    .argument('<mailbox>', 'mailbox number', positiveInteger)
    .addOption(new Option('--format <format>', 'document format').choices(['yaml', 'json']).default('yaml'))
    .option('--at <position|time>', 'as of a global position or ISO-8601 date-time (default: now)', pointArgument)
    .option('--out <file>', 'write to a file instead of stdout')
    .addOption(urlOption())
    .description('Print the configuration document of a mailbox (secrets as { secret: kept })')
    .action(async (mailbox: number, o: { format: string; at?: { position?: number; at?: string }; out?: string; url: string }) => {
      const doc = await request<{ text: string }>(
        o.url,
        'query($m: Int!, $f: ConfigurationFormat, $at: DateTimeISO, $p: Int) { configurationDocument(mailboxNumber: $m, format: $f, at: $at, position: $p) { text } }',
        { m: mailbox, f: o.format.toUpperCase(), at: o.at?.at ?? null, p: o.at?.position ?? null },
      );
      if (o.out) await writeFile(o.out, doc.text);
      else io.stdout.write(doc.text);
    });

  config
    .command('plan')
    .argument('<mailbox>', 'mailbox to plan against (another than the document\'s copies its settings)', positiveInteger)
    .argument('<file>', 'the document (YAML or JSON); - reads stdin')
    .addOption(urlOption())
    .description('Show what applying the document would change and the commands it would run, with their refusals; changes nothing')
    .action(async (mailbox: number, file: string, o: { url: string }) => {
      const document = await readDocument(file);
      report(await request<PlanPayload>(o.url, `mutation($i: PlanConfigurationInput!) { planConfiguration(input: $i) { plan { ${PLAN_FIELDS} } userErrors { path code message } } }`, { i: { mailboxNumber: mailbox, document } }), false);
    });

  config
    .command('apply')
    .argument('<mailbox>', 'mailbox number', positiveInteger)
    .argument('<file>', 'the same document that was planned; - reads stdin')
    .requiredOption('--plan <planId>', 'the plan id printed by `config plan`')
    .option('--reason <text>', 'why, for auditors')
    .addOption(urlOption())
    .description('Apply a reviewed plan all-or-nothing; refused when the configuration changed since it was planned')
    .action(async (mailbox: number, file: string, o: { plan: string; reason?: string; url: string }) => {
      const document = await readDocument(file);
      report(
        await request<PlanPayload>(o.url, `mutation($i: ApplyConfigurationInput!) { applyConfiguration(input: $i) { plan { ${PLAN_FIELDS} } position userErrors { path code message } } }`, {
          i: { mailboxNumber: mailbox, document, planId: o.plan, reason: o.reason ?? null },
        }),
        true,
      );
    });

  config
    .command('revert')
    .argument('<mailbox>', 'mailbox number', positiveInteger)
    .requiredOption('--at <position|time>', 'the point to go back to (a global position or ISO-8601 date-time)', pointArgument)
    .option('--plan <planId>', 'apply this reviewed revert plan (without it: only plan)')
    .option('--reason <text>', 'why, for auditors')
    .addOption(urlOption())
    .description('Plan (or, with --plan, apply) bringing the configuration back to what it was at a point, as new events')
    .action(async (mailbox: number, o: { at: { position?: number; at?: string }; plan?: string; reason?: string; url: string }) => {
      const point = { mailboxNumber: mailbox, at: o.at.at ?? null, position: o.at.position ?? null };
      if (!o.plan) {
        report(await request<PlanPayload>(o.url, `mutation($i: PlanRevertInput!) { planRevert(input: $i) { plan { ${PLAN_FIELDS} } userErrors { path code message } } }`, { i: point }), false);
        return;
      }
      report(
        await request<PlanPayload>(o.url, `mutation($i: ApplyRevertInput!) { applyRevert(input: $i) { plan { ${PLAN_FIELDS} } position userErrors { path code message } } }`, {
          i: { ...point, planId: o.plan, reason: o.reason ?? null },
        }),
        true,
      );
    });

  return config;
};

const readDocument = async (file: string): Promise<string> => {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

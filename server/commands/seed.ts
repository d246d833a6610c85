import { parseArgs } from 'node:util';
import { CliError } from '../cli-error';
import { seedDemo } from '../demo/seed';
import { openData } from '../main';

type Io = { out: (text: string) => void };
const defaultIo: Io = { out: (text) => process.stdout.write(text) };

/**
 * `leadcard seed --demo [--accounts N] [--seed S] [--data DIR] [--force] [--if-empty]`: fills a fresh database
 * with the demo dataset and prints the demo users' passwords once. `--if-empty` (the quick start's `--demo`)
 * does nothing, successfully, when the database already holds data.
 */
export async function seedCommand(args: string[], io: Io = defaultIo, now: Date = new Date()): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string', default: './data' },
      demo: { type: 'boolean' },
      accounts: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      force: { type: 'boolean' },
      'if-empty': { type: 'boolean' },
    },
  });
  if (!values.demo || positionals.length > 0)
    throw new CliError(2, 'usage: seed --demo [--accounts N] [--seed S] [--force] [--data DIR]');
  const accounts = Number(values.accounts);
  if (!Number.isInteger(accounts) || accounts < 1 || accounts > 100_000)
    throw new CliError(1, `--accounts must be a whole number 1–100000, got "${values.accounts}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new CliError(1, `--seed must be a whole number, got "${values.seed}"`);
  const storage = await openData(values.data);
  try {
    const result = await seedDemo(storage, { seed, accounts, now, force: values.force === true });
    if (result === 'not-empty') {
      if (values['if-empty']) return 0;
      throw new CliError(1, 'the database already holds data; pass --force to add the demo data anyway');
    }
    const c = result.counts;
    io.out(
      `Demo data: ${c.account} accounts, ${c.contact} contacts, ${c.activity} activities, ${c.opportunity} opportunities, ` +
        `${c.transaction} transactions, ${c.complaint} complaints, ${c.survey} surveys; ${result.pool} leads in the public pool\n`,
    );
    if (result.firstAdmin)
      io.out(
        `First run: created the admin "${result.firstAdmin.name}" with the password ${result.firstAdmin.password}\n` +
          '(shown once; change it with `leadcard user passwd admin`)\n',
      );
    io.out('Demo users (passwords shown once):\n');
    for (const user of result.users)
      io.out(
        `  ${user.name}\t${user.role}\t${user.team ?? '-'}\t${user.password ?? '(existed; password unchanged)'}\n`,
      );
    return 0;
  } finally {
    await storage.close();
  }
}

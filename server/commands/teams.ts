import { parseArgs } from 'node:util';
import { TEAM_NAME } from '../auth/secrets';
import { CliError } from '../cli-error';
import { openData } from '../main';

/**
 * `leadcard team add NAME | list | rename OLD NEW [--data DIR]` (the CLI face of the teams panel, routes/teams.ts).
 * A rename goes through the same storage call as the manager page: users, accounts and team shares follow in one
 * transaction and the accounts get new versions, so a server running on the same data serves the new name at once.
 */
type Io = { out: (text: string) => void };

const defaultIo: Io = { out: (text) => process.stdout.write(text) };

const USAGE = 'usage: team add NAME | team list | team rename OLD NEW [--data DIR]';

function checkName(name: string, what: string): void {
  if (!TEAM_NAME.test(name)) throw new CliError(1, `${what} must be 1–64 letters, digits, spaces, ".", "_" or "-"`);
}

export async function teamCommand(args: string[], io: Io = defaultIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { data: { type: 'string', default: './data' } },
  });
  const expected = { add: 1, list: 0, rename: 2 }[sub ?? ''];
  if (expected === undefined || positionals.length !== expected) throw new CliError(2, USAGE);
  const [first = '', second = ''] = positionals;
  if (sub === 'add') checkName(first, 'NAME');
  if (sub === 'rename') checkName(second, 'NEW');
  const storage = await openData(values.data);
  try {
    if (sub === 'add') {
      if ((await storage.createTeam(first, new Date().toISOString())) === 'exists')
        throw new CliError(1, `a team named ${first} already exists`);
      io.out(`Created team ${first}\n`);
    } else if (sub === 'list') {
      // One line per team: name, members (manager first), owned accounts, pool size (tab-separated, for scripts).
      for (const team of await storage.listTeams()) {
        const members = team.members.map((m) => `${m.name}(${m.role})`).join(',') || '-';
        io.out(`${team.name}\t${members}\t${team.ownedAccounts}\t${team.pool}\n`);
      }
    } else {
      if (first === second) throw new CliError(1, `the team is already named ${second}`);
      const renamed = await storage.renameTeam(first, second);
      if (renamed === 'missing') throw new CliError(1, `no team named ${first}`);
      if (renamed === 'exists') throw new CliError(1, `a team named ${second} already exists`);
      io.out(`Renamed team ${first} to ${second} (${renamed.accounts} accounts)\n`);
    }
    return 0;
  } finally {
    await storage.close();
  }
}

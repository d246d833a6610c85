import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import { backupCommand, migrateCommand, restoreCommand, tokenCommand, userCommand } from './commands/database';
import { extractCommand } from './commands/extract';
import { parseEmailCommand } from './commands/parse-email';
import { seedCommand } from './commands/seed';
import { teamCommand } from './commands/teams';
import { exportCommand, importCommand } from './commands/transfer';
import { startServer } from './main';

export { CliError };

export const usage = `Usage: leadcard <command> [options]

Commands:
  serve [--data DIR] [--port N] [--host H]   start the sync server and the manager page
  extract FILE.html [--url URL] [--region CC]   print the leads found in a saved page as JSON
  migrate [--data DIR]                       apply pending database migrations
  user add NAME --role rep|manager|admin [--team T] [--password-stdin] [--data DIR]
  user list | user passwd NAME [--password-stdin]
  team add NAME | team list | team rename OLD NEW [--data DIR]   manage teams (a rename moves users and cards)
  token create NAME [--label L]              print a new API token for user NAME (once)
  token list NAME | token revoke ID | token revoke NAME --all
  backup FILE [--data DIR]                   consistent copy of the database, also while serving
  restore FILE [--data DIR]                  replace the database (the server must be stopped)
  import FILE.csv|FILE.vcf [--owner NAME]    add or merge customer cards (English or Chinese CSV headers, vCard 3/4)
  export --format csv|json DIR [--account ID]  write every card (or one) to DIR
  parse-email FILE.eml [--region CN]         print a mail's headers, own text and signature as JSON
  seed --demo [--accounts N] [--seed S] [--force] [--data DIR]   fill a fresh database with demo data (prints passwords once)
`;

type Command = (args: string[]) => Promise<number | undefined>;

const commands: Record<string, Command> = {
  extract: (args) => extractCommand(args),
  user: userCommand,
  team: (args) => teamCommand(args),
  token: tokenCommand,
  migrate: migrateCommand,
  backup: backupCommand,
  restore: restoreCommand,
  import: importCommand,
  export: exportCommand,
  'parse-email': parseEmailCommand,
  seed: (args) => seedCommand(args),
  async serve(args) {
    const { values } = parseArgs({
      args,
      options: {
        data: { type: 'string', default: './data' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
      },
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(2, `--port must be 0–65535, got "${values.port}"`);
    const { url, firstAdmin } = await startServer({
      port,
      host: values.host,
      dataDir: values.data,
      log: (line) => process.stdout.write(`${line}\n`),
    });
    if (firstAdmin)
      process.stdout.write(
        `First run: created the admin "${firstAdmin.name}" with the password ${firstAdmin.password}\n` +
          '(shown once; change it with `leadcard user passwd admin`)\n',
      );
    process.stdout.write(`Leadcard manager: ${url}\n`);
    return undefined; // keeps running
  },
};

export async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`leadcard: unknown command "${name}"\n${usage}`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`leadcard ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`leadcard ${name}: ${error.message}\n${usage}`);
      return 2;
    }
    throw error;
  }
}

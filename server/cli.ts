import { parseArgs } from 'node:util';
import { startServer } from './main';

/** Exit codes of DESIGN §9: 0 success, 1 bad input, 2 usage error. */
export class CliError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    message: string,
  ) {
    super(message);
  }
}

export const usage = `Usage: leadcard <command> [options]

Commands:
  serve [--data DIR] [--port N] [--host H]   start the sync server and the manager page
`;

type Command = (args: string[]) => Promise<number | undefined>;

const commands: Record<string, Command> = {
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
    const { url } = await startServer({ port, host: values.host, dataDir: values.data });
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

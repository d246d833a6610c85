/** The runner's command line: `--json FILE`, `--filter TEXT`. */
export type Options = { json: string | null; filter: string | null };

export function parseArgs(argv: readonly string[]): Options {
  const options: Options = { json: null, filter: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--json' || arg === '--filter') {
      if (value === undefined || value.startsWith('--')) throw new Error(`${arg} needs a value`);
      if (arg === '--json') options.json = value;
      else options.filter = value;
      i++;
    } else {
      throw new Error(`unknown argument ${arg} (use --json FILE, --filter TEXT)`);
    }
  }
  return options;
}

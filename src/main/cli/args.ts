/** A small argv parser: `--flag value`, `--flag=value`, boolean flags, positionals. */
export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string[]>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseArgs(argv: string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (booleanFlags.has(name)) value = 'true';
    else {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positionals, options };
}

export class Options {
  constructor(
    private readonly options: Map<string, string[]>,
    private readonly allowed: ReadonlySet<string>,
  ) {
    for (const name of options.keys()) if (!allowed.has(name)) throw new UsageError(`unknown option --${name}`);
  }

  has(name: string): boolean {
    return this.options.has(name);
  }

  string(name: string): string | undefined {
    const v = this.options.get(name);
    return v ? v[v.length - 1] : undefined;
  }

  /** Every value of a repeatable option (`--map a=b --map c=d`). */
  all(name: string): string[] {
    return this.options.get(name) ?? [];
  }

  /** A number, refused with a located message when the text is not one. */
  number(name: string): number | undefined {
    const v = this.string(name);
    if (v === undefined) return undefined;
    const n = Number(v.replace(/[,_\s]/g, ''));
    if (v.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name}: "${v}" is not a number`);
    return n;
  }

  integer(name: string): number | undefined {
    const n = this.number(name);
    if (n !== undefined && !Number.isInteger(n)) throw new UsageError(`--${name}: "${this.string(name)}" is not a whole number`);
    return n;
  }

  /** A comma-, 、- or ;-separated list. */
  list(name: string): string[] | undefined {
    const v = this.string(name);
    return v === undefined ? undefined : v.split(/[,;、，；]/).map((s) => s.trim()).filter(Boolean);
  }
}

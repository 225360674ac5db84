// Where a command writes. Commands never touch process.stdout directly, so tests can run them
// in-process and capture both streams.
export interface CliIO {
  out(s: string): void;
  err(s: string): void;
  /** Standard input, for `-f -`. */
  readStdin(): Promise<string>;
  isTTY: boolean;
}

export const processIO: CliIO = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  isTTY: Boolean(process.stdout.isTTY),
};

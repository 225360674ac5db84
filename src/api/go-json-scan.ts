// encoding/json's stream Decoder, as far as kubectl's JSON manifests need it: find where the next
// value ends, or fail with the scanner's own message (`invalid character '}' looking for
// beginning of object key string`) and its byte offset, or `unexpected EOF` for a value cut short.

export type ScanResult =
  | { kind: 'value'; start: number; end: number }
  | { kind: 'eof' }
  | { kind: 'error'; message: string };

class SyntaxError_ {
  constructor(readonly message: string) {}
}

class UnexpectedEOF {}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** encoding/json's quoteChar: the offending byte as the error names it. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  const escapes: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (escapes[c]) return `'${escapes[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // A byte of a multi-byte character reads as the code point of the same number.
  if ((c >= 0x80 && c < 0xa0) || c === 0xad) return `'\\u00${c.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCodePoint(c)}'`;
}

class Scanner {
  constructor(private readonly b: Buffer, public pos: number) {}

  private peek(): number {
    if (this.pos >= this.b.length) throw new UnexpectedEOF();
    return this.b[this.pos];
  }

  private fail(context: string): never {
    const c = this.b[this.pos];
    // The offset counts the bytes read, the offending one included.
    throw new SyntaxError_(`json: offset ${this.pos + 1}: invalid character ${quoteChar(c)} ${context}`);
  }

  ws(): void {
    while (isSpace(this.peek())) this.pos++;
  }

  value(): void {
    const c = this.peek();
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || isDigit(c)) return this.number();
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    this.fail('looking for beginning of value');
  }

  private object(): void {
    this.pos++;
    this.ws();
    if (this.peek() === 0x7d) {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.peek() !== 0x22) this.fail('looking for beginning of object key string');
      this.string();
      this.ws();
      if (this.peek() !== 0x3a) this.fail('after object key');
      this.pos++;
      this.ws();
      this.value();
      this.ws();
      const c = this.peek();
      if (c === 0x7d) {
        this.pos++;
        return;
      }
      if (c !== 0x2c) this.fail('after object key:value pair');
      this.pos++;
      this.ws();
    }
  }

  private array(): void {
    this.pos++;
    this.ws();
    if (this.peek() === 0x5d) {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      this.value();
      this.ws();
      const c = this.peek();
      if (c === 0x5d) {
        this.pos++;
        return;
      }
      if (c !== 0x2c) this.fail('after array element');
      this.pos++;
    }
  }

  private string(): void {
    this.pos++;
    for (;;) {
      const c = this.peek();
      if (c === 0x22) {
        this.pos++;
        return;
      }
      if (c === 0x5c) {
        this.pos++;
        const e = this.peek();
        if ('bfnrt\\/"'.includes(String.fromCharCode(e))) this.pos++;
        else if (e === 0x75) {
          this.pos++;
          for (let i = 0; i < 4; i++) {
            if (!isHex(this.peek())) this.fail('in \\u hexadecimal character escape');
            this.pos++;
          }
        } else this.fail('in string escape code');
        continue;
      }
      if (c < 0x20) this.fail('in string literal');
      this.pos++;
    }
  }

  private number(): void {
    // At the end of the input a number is complete (the decoder feeds a space to finish it).
    const at = () => (this.pos < this.b.length ? this.b[this.pos] : 0x20);
    if (at() === 0x2d) {
      this.pos++;
      if (this.pos >= this.b.length) throw new UnexpectedEOF();
      if (!isDigit(at())) this.fail('in numeric literal');
    }
    if (at() === 0x30) this.pos++;
    else while (isDigit(at())) this.pos++;
    if (at() === 0x2e) {
      this.pos++;
      if (this.pos >= this.b.length) throw new UnexpectedEOF();
      if (!isDigit(at())) this.fail('after decimal point in numeric literal');
      while (isDigit(at())) this.pos++;
    }
    if (at() === 0x65 || at() === 0x45) {
      this.pos++;
      if (at() === 0x2b || at() === 0x2d) this.pos++;
      if (this.pos >= this.b.length) throw new UnexpectedEOF();
      if (!isDigit(at())) this.fail('in exponent of numeric literal');
      while (isDigit(at())) this.pos++;
    }
  }

  private literal(word: string): void {
    this.pos++;
    for (const ch of word.slice(1)) {
      if (this.peek() !== ch.charCodeAt(0)) this.fail(`in literal ${word} (expecting '${ch}')`);
      this.pos++;
    }
  }
}

/** The next value of a JSON stream from byte `pos` on: its extent, the end, or the error. */
export function scanJSONValue(b: Buffer, pos: number): ScanResult {
  let p = pos;
  while (p < b.length && isSpace(b[p])) p++;
  if (p >= b.length) return { kind: 'eof' };
  const s = new Scanner(b, p);
  try {
    s.value();
    return { kind: 'value', start: p, end: s.pos };
  } catch (e) {
    if (e instanceof SyntaxError_) return { kind: 'error', message: e.message };
    if (e instanceof UnexpectedEOF) return { kind: 'error', message: 'unexpected EOF' };
    throw e;
  }
}

/**
 * What encoding/json's Unmarshal says of text that is not one JSON value: the scanner's message
 * without the stream decoder's offset; undefined for valid JSON.
 */
export function goUnmarshalError(text: string): string | undefined {
  const b = Buffer.from(text);
  const r = scanJSONValue(b, 0);
  if (r.kind === 'eof') return 'unexpected end of JSON input';
  if (r.kind === 'error') return r.message === 'unexpected EOF' ? 'unexpected end of JSON input' : r.message.replace(/^json: offset \d+: /, '');
  let p = r.end;
  while (p < b.length && isSpace(b[p])) p++;
  if (p < b.length) return `invalid character ${quoteChar(b[p])} after top-level value`;
  return undefined;
}

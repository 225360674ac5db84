// Ported from github.com/liggitt/tabwriter tabwriter_test.go: the cases that use settings the
// port supports (no escapes, HTML, right alignment, debug bars, discarding or tab padding).
import { describe, expect, test } from 'vitest';
import { RememberWidths, TabWriter } from '../../src/cli/printers/table.js';

function format(minwidth: number, tabwidth: number, padding: number, padchar: string, chunks: readonly string[]): string {
  const w = new TabWriter(minwidth, tabwidth, padding, padchar, 0);
  let out = '';
  for (const c of chunks) {
    w.write(c);
    out += w.take();
  }
  w.flush();
  return out + w.take();
}

function fibonacciSlices(src: string): string[] {
  const out: string[] = [];
  for (let i = 0, d = 0; i < src.length;) {
    out.push(src.slice(i, i + d));
    i += d;
    d++;
    if (i + d > src.length) d = src.length - i;
  }
  return out;
}

const cases: Array<[string, number, number, number, string, string, string]> = [
  ['1a', 8, 0, 1, '.', '', ''],
  ['2', 8, 0, 1, '.', '\n\n\n', '\n\n\n'],
  ['3', 8, 0, 1, '.', 'a\nb\nc', 'a\nb\nc'],
  ['4a', 8, 0, 1, '.', '\t', ''],
  ['5', 8, 0, 1, '.', '*\t*', '*.......*'],
  ['5b', 8, 0, 1, '.', '*\t*\n', '*.......*\n'],
  ['5c', 8, 0, 1, '.', '*\t*\t', '*.......*'],
  ['6', 8, 0, 1, '.', '\t\n', '........\n'],
  ['7a', 8, 0, 1, '.', 'a) foo', 'a) foo'],
  ['7b', 8, 0, 1, ' ', 'b) foo\tbar', 'b) foo  bar'],
  ['7c', 8, 0, 1, '.', 'c) foo\tbar\t', 'c) foo..bar'],
  ['7d', 8, 0, 1, '.', 'd) foo\tbar\n', 'd) foo..bar\n'],
  ['7e', 8, 0, 1, '.', 'e) foo\tbar\t\n', 'e) foo..bar.....\n'],
  ['8', 8, 0, 1, '*', 'Hello, world!\n', 'Hello, world!\n'],
  ['9a', 1, 0, 0, '.', '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
  ['9c', 1, 0, 0, '.', '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1234\n11222333344444\n'],
  ['10a', 5, 0, 0, '.', '1\t2\t3\t4\n', '1....2....3....4\n'],
  ['10b', 5, 0, 0, '.', '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
  ['11', 8, 0, 1, '.',
    '本\tb\tc\naa\t\u672c\u672c\u672c\tcccc\tddddd\naaa\tbbbb\n',
    '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n'],
  ['12c', 8, 0, 1, '_', 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n'],
  ['13a', 4, 0, 1, '-',
    '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n'],
  ['13b', 4, 0, 3, '.',
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n'],
  ['15a', 4, 0, 0, '.', 'a\t\tb', 'a.......b'],
];

describe('TabWriter', () => {
  test.each(cases)('%s (written all at once)', (_name, minw, tabw, pad, ch, src, want) => {
    expect(format(minw, tabw, pad, ch, [src])).toBe(want);
  });
  test.each(cases)('%s (written char by char)', (_name, minw, tabw, pad, ch, src, want) => {
    expect(format(minw, tabw, pad, ch, [...src])).toBe(want);
  });
  test.each(cases)('%s (written in fibonacci slices)', (_name, minw, tabw, pad, ch, src, want) => {
    expect(format(minw, tabw, pad, ch, fibonacciSlices(src))).toBe(want);
  });

  test('a character outside the BMP is one column wide even when split across writes', () => {
    expect(format(4, 0, 1, '.', ['\ud83d', '\ude00\tx\n'])).toBe('😀...x\n');
  });

  test('RememberWidths keeps column widths across flushes (TestMultiWrite)', () => {
    let out = '';
    let w = new TabWriter(6, 4, 3, ' ', RememberWidths);
    const writeFlush = (s: string): void => {
      w.write(s);
      w.flush();
      out += w.take();
    };
    w.write('First\tMiddle\tLast\n');
    w.write('a\tbb\tccc\n');
    w.write('ddd\teeeeeeeeeeeeee\tf\n');
    w.flush();
    out += w.take();
    expect(out).toBe('First   Middle           Last\na       bb               ccc\nddd     eeeeeeeeeeeeee   f\n');

    writeFlush('g\th\ti\n');
    writeFlush('j\t\t\n');
    writeFlush('\tk\t\n');
    writeFlush('\t\tl\n');
    writeFlush('mmmmmmmmmmmmmmm\tnnn\tooo\n');

    // seamlessly transferring remembered column widths to a new writer
    const remembered = w.rememberedWidths();
    w = new TabWriter(6, 4, 3, ' ', RememberWidths);
    w.setRememberedWidths(remembered);
    writeFlush('p\tq\tr\n');
    expect(w.rememberedWidths()).toEqual([18, 17]);

    w.setRememberedWidths(null);
    writeFlush('sssss\tt\tu\n');
    w.setRememberedWidths([10, 5, 5]);
    writeFlush('v\tw\tx\n');

    expect(out).toBe([
      'First   Middle           Last\n',
      'a       bb               ccc\n',
      'ddd     eeeeeeeeeeeeee   f\n',
      'g       h                i\n',
      'j                        \n',
      '        k                \n',
      '                         l\n',
      'mmmmmmmmmmmmmmm   nnn              ooo\n',
      'p                 q                r\n',
      'sssss   t     u\n',
      'v         w     x\n',
    ].join(''));
  });
});

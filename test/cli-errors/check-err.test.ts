// cmdutil.CheckErr's formatting, case by case (kubectl/pkg/cmd/util/helpers.go): how an error
// value becomes stderr text and an exit code. The nesting of aggregates is what decides
// whether kubectl prints `error: ` and whether several errors share one bracketed line.
import { describe, expect, test } from 'vitest';
import { alreadyExists, badRequest, invalid, notFound } from '../../src/apiserver/errors.js';
import { addSourceToErr, Aggregate, checkErr, ExitError, newAggregate, RawError, UsageError } from '../../src/cli/errors.js';

const text = (e: unknown) => checkErr(e).text;

describe('CheckErr', () => {
  test('an API status: Error from server (Reason)', () => {
    expect(checkErr(notFound('pods', 'x'))).toEqual({ text: 'Error from server (NotFound): pods "x" not found\n', code: 1 });
  });

  test('any other error gets `error: ` once', () => {
    expect(text(new Error('boom'))).toBe('error: boom\n');
    expect(text(new Error('error: boom'))).toBe('error: boom\n');
    expect(text(new UsageError('bad', "See 'mk get -h' for help and examples"))).toBe("error: bad\nSee 'mk get -h' for help and examples\n");
  });

  test('a message that ends in a newline gets no second one', () => {
    expect(text(new Error('a\n\n'))).toBe('error: a\n\n');
  });

  test('Invalid: one cause inline, several as a list, duplicates dropped, the message itself never shown', () => {
    const one = invalid('Pod', 'x', [{ field: 'spec.containers[0].image', message: 'Required value' }]);
    expect(text(one)).toBe('The Pod "x" is invalid: spec.containers[0].image: Required value\n');
    const many = invalid('Pod', 'x', [
      { field: 'metadata.name', message: 'Required value' },
      { field: 'spec.containers', message: 'Required value' },
      { field: 'metadata.name', message: 'Required value' },
    ]);
    expect(text(many)).toBe('The Pod "x" is invalid: \n* metadata.name: Required value\n* spec.containers: Required value\n');
  });

  test('Invalid names the kind without its group (details.kind), while the message keeps it', () => {
    const e = invalid('Deployment.apps', 'web', [{ field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }]);
    expect(text(e)).toBe('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
    expect(text(new Aggregate([e, e]))).toBe(
      'Error from server (Invalid): Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'.repeat(2));
  });

  test('an aggregate of one is unwrapped once', () => {
    expect(text(new Aggregate([new Error('only')]))).toBe('error: only\n');
    expect(text(new Aggregate([new Aggregate([new Error('inner')])]))).toBe('inner\n');
  });

  test('an aggregate prints one line per error, with no `error: ` prefix', () => {
    expect(text(new Aggregate([new Error('a'), alreadyExists('pods', 'p')])))
      .toBe('a\nError from server (AlreadyExists): pods "p" already exists\n');
  });

  test('a nested aggregate is one line: its messages, flattened and deduplicated, in brackets', () => {
    const inner = new Aggregate([new Error('x'), new Error('y'), new Error('x')]);
    expect(text(new Aggregate([inner, new Error('z')]))).toBe('[x, y]\nz\n');
  });

  test('NewAggregate of nothing is nil', () => {
    expect(newAggregate([])).toBeUndefined();
    expect(newAggregate([undefined])).toBeUndefined();
  });

  test('AddSourceToErr keeps an API status a status', () => {
    expect(text(addSourceToErr('creating', 'x.yaml', badRequest('nope')))).toBe('Error from server (BadRequest): error when creating "x.yaml": nope\n');
    expect(text(addSourceToErr('creating', 'x.yaml', new Error('nope')))).toBe('error: error when creating "x.yaml": nope\n');
  });

  test('exit codes', () => {
    expect(checkErr(new ExitError(3))).toEqual({ text: '', code: 3 });
    expect(checkErr(new RawError('F0000 fatal', 255))).toEqual({ text: 'F0000 fatal\n', code: 255 });
  });
});

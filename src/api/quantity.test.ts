// Cases from apimachinery's quantity_test.go (TestQuantityParse, TestQuantityString).
import { describe, expect, test } from 'vitest';
import {
  ErrFormatWrong, ErrSuffix, addQuantity, canonicalQuantity, cmpQuantity, formatQuantity, milliValue,
  newMilliQuantity, parseQuantity, quantityValue, subQuantity, type Quantity, type QuantityFormat,
} from './quantity.js';

const dec = (m: number | bigint, e: number, format: QuantityFormat): Quantity => ({ mantissa: BigInt(m), exponent: e, format });
const sameValue = (a: Quantity, b: Quantity) => cmpQuantity(a, b) === 0 && a.format === b.format;

describe('parseQuantity', () => {
  test.each<[string, Quantity]>([
    ['0', dec(0, 0, 'DecimalSI')],
    ['0n', dec(0, 0, 'DecimalSI')],
    ['0u', dec(0, 0, 'DecimalSI')],
    ['0m', dec(0, 0, 'DecimalSI')],
    ['0Ki', dec(0, 0, 'BinarySI')],
    ['0k', dec(0, 0, 'DecimalSI')],
    ['0Mi', dec(0, 0, 'BinarySI')],
    ['0M', dec(0, 0, 'DecimalSI')],
    ['0E', dec(0, 0, 'DecimalSI')],
    ['0e0', dec(0, 0, 'DecimalExponent')],
    ['1Ki', dec(1024, 0, 'BinarySI')],
    ['8Ki', dec(8 * 1024, 0, 'BinarySI')],
    ['7Mi', dec(7 * 1024 * 1024, 0, 'BinarySI')],
    ['6Gi', dec(6 * 1024 ** 3, 0, 'BinarySI')],
    ['5Ti', dec(5 * 1024 ** 4, 0, 'BinarySI')],
    ['4Pi', dec(4n * 1024n ** 5n, 0, 'BinarySI')],
    ['3Ei', dec(3n * 1024n ** 6n, 0, 'BinarySI')],
    ['10Ti', dec(10 * 1024 ** 4, 0, 'BinarySI')],
    ['100Pi', dec(100n * 1024n ** 5n, 0, 'BinarySI')],
    ['5n', dec(5, -9, 'DecimalSI')],
    ['4u', dec(4, -6, 'DecimalSI')],
    ['3m', dec(3, -3, 'DecimalSI')],
    ['9', dec(9, 0, 'DecimalSI')],
    ['8k', dec(8, 3, 'DecimalSI')],
    ['50k', dec(5, 4, 'DecimalSI')],
    ['7M', dec(7, 6, 'DecimalSI')],
    ['6G', dec(6, 9, 'DecimalSI')],
    ['5T', dec(5, 12, 'DecimalSI')],
    ['40T', dec(4, 13, 'DecimalSI')],
    ['300T', dec(3, 14, 'DecimalSI')],
    ['2P', dec(2, 15, 'DecimalSI')],
    ['1E', dec(1, 18, 'DecimalSI')],
    ['1E-3', dec(1, -3, 'DecimalExponent')],
    ['1e3', dec(1, 3, 'DecimalExponent')],
    ['1E6', dec(1, 6, 'DecimalExponent')],
    ['1e9', dec(1, 9, 'DecimalExponent')],
    ['1E12', dec(1, 12, 'DecimalExponent')],
    ['1e15', dec(1, 15, 'DecimalExponent')],
    ['1E18', dec(1, 18, 'DecimalExponent')],
    ['1e14', dec(1, 14, 'DecimalExponent')],
    ['1e+3', dec(1, 3, 'DecimalExponent')],
    ['0.001', dec(1, -3, 'DecimalSI')],
    ['0.0005k', dec(5, -1, 'DecimalSI')],
    ['0.005', dec(5, -3, 'DecimalSI')],
    ['0.05', dec(5, -2, 'DecimalSI')],
    ['0.5', dec(5, -1, 'DecimalSI')],
    ['0.00050k', dec(5, -1, 'DecimalSI')],
    ['0.00500', dec(5, -3, 'DecimalSI')],
    ['0.05000', dec(5, -2, 'DecimalSI')],
    ['0.50000', dec(5, -1, 'DecimalSI')],
    ['0.5e0', dec(5, -1, 'DecimalExponent')],
    ['0.5e-1', dec(5, -2, 'DecimalExponent')],
    ['10.035M', dec(10035, 3, 'DecimalSI')],
    ['1.2e3', dec(12, 2, 'DecimalExponent')],
    ['1.3E+6', dec(13, 5, 'DecimalExponent')],
    ['1.40e9', dec(14, 8, 'DecimalExponent')],
    ['1.53E12', dec(153, 10, 'DecimalExponent')],
    ['1.6e15', dec(16, 14, 'DecimalExponent')],
    ['1.7E18', dec(17, 17, 'DecimalExponent')],
    ['9.01', dec(901, -2, 'DecimalSI')],
    ['8.1k', dec(81, 2, 'DecimalSI')],
    ['7.123456M', dec(7123456, 0, 'DecimalSI')],
    ['6.987654321G', dec(6987654321, 0, 'DecimalSI')],
    ['1.5Gi', dec(1536 * 1024 * 1024, 0, 'BinarySI')],
    ['0.5Ki', dec(512, 0, 'BinarySI')],
    ['-1', dec(-1, 0, 'DecimalSI')],
    ['-100m', dec(-100, -3, 'DecimalSI')],
    ['+1', dec(1, 0, 'DecimalSI')],
    // Rounded up to nano precision; a binary value below one becomes decimal.
    ['0.000000000001Ki', dec(2, -9, 'DecimalSI')],
    ['.001', dec(1, -3, 'DecimalSI')],
    ['.0001k', dec(100, -3, 'DecimalSI')],
    ['1.', dec(1, 0, 'DecimalSI')],
    ['1.G', dec(1, 9, 'DecimalSI')],
    ['0.1n', dec(1, -9, 'DecimalSI')],
  ])('%s', (input, want) => {
    const got = parseQuantity(input);
    expect(sameValue(got, want), `${input}: got ${got.mantissa}e${got.exponent} ${got.format}`).toBe(true);
  });

  test.each([
    ['', ErrFormatWrong],
    ['1.1.M', ErrFormatWrong],
    ['1+1.0M', ErrFormatWrong],
    ['0.1mi', ErrSuffix],
    ['0.1am', ErrFormatWrong],
    ['aoeu', ErrFormatWrong],
    ['.5i', ErrSuffix],
    ['1i', ErrSuffix],
    ['-3.01i', ErrSuffix],
    ['-3.01e-', ErrSuffix],
    [' 1', ErrFormatWrong],
    ['1 ', ErrFormatWrong],
    ['1Gb', ErrFormatWrong],
  ])('rejects %j', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(message);
  });

  test('JSON numbers parse as their decimal text', () => {
    expect(formatQuantity(parseQuantity(0.5))).toBe('500m');
    expect(formatQuantity(parseQuantity(2))).toBe('2');
    expect(milliValue(1.5)).toBe(1500);
  });
});

describe('formatQuantity (String)', () => {
  test.each<[Quantity, string]>([
    [dec(1024 * 1024 * 1024, 0, 'BinarySI'), '1Gi'],
    [dec(300 * 1024 * 1024, 0, 'BinarySI'), '300Mi'],
    [dec(6 * 1024, 0, 'BinarySI'), '6Ki'],
    [dec(1001 * 1024 * 1024 * 1024, 0, 'BinarySI'), '1001Gi'],
    [dec(1024 ** 4, 0, 'BinarySI'), '1Ti'],
    [dec(5, 0, 'BinarySI'), '5'],
    [dec(500, -3, 'BinarySI'), '500m'],
    [dec(1, 9, 'DecimalSI'), '1G'],
    [dec(1000, 6, 'DecimalSI'), '1G'],
    [dec(1000000, 3, 'DecimalSI'), '1G'],
    [dec(1000000000, 0, 'DecimalSI'), '1G'],
    [dec(1, -3, 'DecimalSI'), '1m'],
    [dec(80, -3, 'DecimalSI'), '80m'],
    [dec(1080, -3, 'DecimalSI'), '1080m'],
    [dec(108, -2, 'DecimalSI'), '1080m'],
    [dec(10800, -4, 'DecimalSI'), '1080m'],
    [dec(300, 6, 'DecimalSI'), '300M'],
    [dec(1, 12, 'DecimalSI'), '1T'],
    [dec(1234567, 6, 'DecimalSI'), '1234567M'],
    [dec(1234567, -3, 'BinarySI'), '1234567m'],
    [dec(3, 3, 'DecimalSI'), '3k'],
    [dec(1025, 0, 'BinarySI'), '1025'],
    [dec(1, -9, 'DecimalSI'), '1n'],
    [dec(80, -9, 'DecimalSI'), '80n'],
    [dec(1080, -9, 'DecimalSI'), '1080n'],
    [dec(108, -8, 'DecimalSI'), '1080n'],
    [dec(1, -6, 'DecimalSI'), '1u'],
    [dec(80, -6, 'DecimalSI'), '80u'],
    [dec(1080, -6, 'DecimalSI'), '1080u'],
    [dec(108, -5, 'DecimalSI'), '1080u'],
    [dec(10800, -7, 'DecimalSI'), '1080u'],
    [dec(1, 3, 'DecimalExponent'), '1e3'],
    [dec(12, 2, 'DecimalExponent'), '1200'],
    [dec(-1536, 0, 'DecimalSI'), '-1536'],
    [dec(-1536 * 1024, 0, 'BinarySI'), '-1536Ki'],
  ])('%o → %s', (q, want) => {
    expect(formatQuantity(q)).toBe(want);
  });

  test.each([
    ['1.5', '1500m'],
    ['1.5Gi', '1536Mi'],
    ['1000', '1k'],
    ['128Mi', '128Mi'],
    ['2000Mi', '2000Mi'],
    ['1024Mi', '1Gi'],
    ['0.5Gi', '512Mi'],
    ['100m', '100m'],
    ['0.1', '100m'],
    ['250m', '250m'],
    ['16274720Ki', '16274720Ki'],
    ['110', '110'],
  ])('canonical %s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });
});

describe('values', () => {
  test.each([
    ['100m', 100, 1],
    ['0.5', 500, 1],
    ['1', 1000, 1],
    ['1.5', 1500, 2],
    ['0.1m', 1, 1],
    ['128Mi', 134217728000, 134217728],
    ['1G', 1e12, 1e9],
    ['1e3', 1e6, 1000],
    ['110', 110000, 110],
    ['-1.5', -1500, -2],
  ])('%s: milli %d, value %d', (input, milli, value) => {
    expect(milliValue(input)).toBe(milli);
    expect(quantityValue(input)).toBe(value);
  });

  test('sums are exact and round once', () => {
    const sum = addQuantity('0.5m', '0.5m');
    expect(milliValue(sum)).toBe(1);
    expect(formatQuantity(addQuantity('100m', '250m'))).toBe('350m');
    expect(formatQuantity(addQuantity('128Mi', '64Mi'))).toBe('192Mi');
    expect(formatQuantity(addQuantity(newMilliQuantity(0), '64Mi'))).toBe('64Mi');
    expect(formatQuantity(subQuantity('1', '250m'))).toBe('750m');
  });
});

import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskNumber, maskPhone } from './mask.js';

describe('activation summary masks (ACT-1)', () => {
  it('keeps the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
  });
  it('keeps the first and the last two characters of an ID number', () => {
    expect(maskNumber('11010119900307123X')).toBe('1***************3X');
    expect(maskNumber('91350211M0000XUF8L')).toBe('9***************8L');
    expect(maskNumber('123')).toBe('**3');
  });
  it('masks phones and emails', () => {
    expect(maskPhone('+8613912345678')).toBe('139****5678');
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
  });
});

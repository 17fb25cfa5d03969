import { describe, expect, it } from 'vitest';
import { compareOcr, normalizeDocumentNumber, normalizeName, ProviderUnavailableError } from './providers.js';

const typed = { name: '张三', idNumber: '11010519491231002X' };

describe('compareOcr (KYC-7)', () => {
  it('returns no fields when name and number match exactly', () => {
    expect(compareOcr(typed, { ...typed })).toEqual([]);
  });

  it('ignores full-width characters, spaces and the case of X', () => {
    expect(compareOcr(typed, { name: '张 三', idNumber: '１１０１０５１９４９１２３１００２ｘ' })).toEqual(
      [],
    );
    expect(compareOcr(typed, { name: '\u3000张三 ', idNumber: '110105 19491231 002x' })).toEqual([]);
    expect(compareOcr({ name: '张三', idNumber: '11010519491231002x' }, typed)).toEqual([]);
  });

  it('treats middle-dot variants of transliterated names as one', () => {
    const t = { name: '阿卜杜·热合曼', idNumber: typed.idNumber };
    for (const read of ['阿卜杜•热合曼', '阿卜杜・热合曼', '阿卜杜.热合曼', '阿卜杜 · 热合曼']) {
      expect(compareOcr(t, { name: read, idNumber: typed.idNumber })).toEqual([]);
    }
  });

  it('compares Latin names without regard to case or spacing', () => {
    const t = { name: 'John Smith', idNumber: 'USA110099999999' };
    expect(compareOcr(t, { name: 'JOHN SMITH', idNumber: 'usa110099999999' })).toEqual([]);
  });

  it('reports the fields that differ', () => {
    expect(compareOcr(typed, { name: '张山', idNumber: typed.idNumber })).toEqual(['name']);
    expect(compareOcr(typed, { name: '张三', idNumber: '110105194912310038' })).toEqual(['idNumber']);
    expect(compareOcr(typed, { name: '李四', idNumber: '110105194912310038' })).toEqual(['name', 'idNumber']);
  });

  it('counts a field OCR could not read as a mismatch', () => {
    expect(compareOcr(typed, {})).toEqual(['name', 'idNumber']);
    expect(compareOcr(typed, { name: '张三' })).toEqual(['idNumber']);
    expect(compareOcr(typed, { idNumber: typed.idNumber })).toEqual(['name']);
  });

  it('normalisers are exported for other checks', () => {
    expect(normalizeName(' 张　三 ')).toBe('张三');
    expect(normalizeDocumentNumber(' 9111０１０５ab ')).toBe('91110105AB');
  });
});

describe('ProviderUnavailableError', () => {
  it('names the provider and is retryable', () => {
    const e = new ProviderUnavailableError('customs', 'timeout');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ProviderUnavailableError');
    expect(e.provider).toBe('customs');
    expect(e.retryable).toBe(true);
    expect(e.message).toBe('customs: timeout');
  });
});

import {
  addressTerms,
  companyTerms,
  foldText,
  lookupKeys,
  parseQueryText,
  personTerms,
  queryMatches,
} from '../../../shared/search-text';

const finds = (q: string, terms: string[]) => queryMatches(parseQueryText(q), terms);

describe('search text folding', () => {
  it('ignores case, accents and width', () => {
    expect(foldText('José ÅSTRÖM')).toBe('jose astrom');
    expect(foldText('Ｔａｎａｋａ　Ｔａｒｏ')).toBe('tanaka taro');
    expect(foldText('Straße Łódź')).toBe('strasse lodz');
  });

  it('folds katakana (full- and half-width) to hiragana, keeping voicing marks', () => {
    expect(foldText('サクラ')).toBe('さくら');
    expect(foldText('ｻｸﾗ')).toBe('さくら');
    expect(foldText('ｶﾞｸ')).toBe('がく');
    expect(foldText('がく')).not.toBe(foldText('かく'));
  });
});

describe('finding people by their terms', () => {
  const tanaka = personTerms('田中 太郎', 'tanaka.taro@sakura-seiki.co.jp');
  const mary = personTerms('Mary-Jane O’Brien', 'mj.obrien@northwindtraders.com');

  it('finds a Japanese name by family name, given name or both, with or without a space', () => {
    for (const q of ['田中', '太郎', '田中 太郎', '田中太郎', '田中　太郎', '田'])
      expect({ q, found: finds(q, tanaka) }).toEqual({ q, found: true });
    expect(finds('山田', tanaka)).toBe(false);
  });

  it('finds a Japanese name written without a space by its given name', () => {
    const unspaced = personTerms('田中太郎', 't@example.co.jp');
    expect(finds('太郎', unspaced)).toBe(true);
    expect(finds('田中', unspaced)).toBe(true);
  });

  it('finds kana names in either script and width', () => {
    const sakura = personTerms('佐藤 さくら', 'sakura@example.jp');
    expect(finds('サクラ', sakura)).toBe(true);
    expect(finds('ｻｸﾗ', sakura)).toBe(true);
  });

  it('finds Latin names by any word start, in any order, accents and apostrophes aside', () => {
    for (const q of ['mary', 'jane', 'obrien', "o'brien", 'o’b', 'MARY JANE', 'obrien mary', 'maryjane'])
      expect({ q, found: finds(q, mary) }).toEqual({ q, found: true });
    expect(finds('maryann', mary)).toBe(false);
  });

  it('finds addresses by local part and domain, as typed or in full-width', () => {
    for (const q of [
      'tanaka.taro@sakura-seiki.co.jp',
      'tanaka.taro@sak',
      'taro',
      'sakura-seiki',
      'seiki',
      'sakura-seiki.co.jp',
      'ｔａｎａｋａ',
    ])
      expect({ q, found: finds(q, tanaka) }).toEqual({ q, found: true });
    expect(finds('taro@fabrikam', tanaka)).toBe(false);
  });

  it('finds companies by name or domain', () => {
    const terms = companyTerms(['Sakura Seiki', '株式会社サクラ精機'], 'sakura-seiki.co.jp');
    for (const q of ['sakura', 'Seiki', 'サクラ', '精機', 'sakura-seiki.co', '株式会社'])
      expect({ q, found: finds(q, terms) }).toEqual({ q, found: true });
  });

  it('keeps no term that another one starts with, and bounds the terms of hostile names', () => {
    expect(addressTerms('mary@example.com')).toContain('mary@example.com');
    expect(personTerms('Mary', 'mary@example.com')).not.toContain('mary');
    const hostile = personTerms(`${'x'.repeat(5000)} ${'y z '.repeat(1000)}`, 'a@b.com');
    expect(hostile.length).toBeLessThanOrEqual(16);
    expect(Math.max(...hostile.map((t) => [...t].length))).toBeLessThanOrEqual(64);
  });

  it('looks a query up by its longest word, as typed, and joined', () => {
    expect(lookupKeys(parseQueryText('田中 太郎'))).toEqual(['田中', '田中太郎']);
    expect(lookupKeys(parseQueryText('taro.yamada@fab'))).toEqual(['yamada', 'taro.yamada@fab']);
    expect(lookupKeys(parseQueryText('mary jane'))).toEqual(['mary', 'maryjane']);
  });
});

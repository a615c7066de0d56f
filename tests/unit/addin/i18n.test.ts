import { createTranslator, formatTagFor, localeFor } from '../../../addin/common/i18n';

/** Dates, numbers and counted phrases follow Office's display language. */

const at = '2026-03-04T15:30:00Z';
const utc = (language: string) => createTranslator(language, { timeZone: 'UTC' });

test('dates in US order for en-US, day first for en-GB, year first for Japanese', () => {
  expect(utc('en-US').date(at)).toBe('Mar 4, 2026');
  expect(utc('en-GB').date(at)).toBe('4 Mar 2026');
  expect(utc('ja-JP').date(at)).toBe('2026年3月4日');
  expect(utc('en-US').dateTime(at)).toBe('Mar 4, 2026, 3:30 PM');
  expect(utc('en-GB').dateTime(at)).toBe('4 Mar 2026, 15:30');
  expect(utc('ja-JP').dateTime(at)).toBe('2026/03/04 15:30');
  expect(utc('en-US').month('2026-03')).toBe('Mar 2026');
  expect(utc('ja-JP').month('2026-03')).toBe('2026年3月');
  expect(utc('en-GB').date(null)).toBe('never');
  expect(utc('ja-JP').date('not a date')).toBe('なし');
});

test('numbers group digits the way the language does', () => {
  expect(utc('en-US').number(1234567)).toBe('1,234,567');
  expect(utc('ja-JP').number(1234567)).toBe('1,234,567');
  expect(utc('de-DE').number(1234567)).toBe('1.234.567');
});

test('English picks one or other; Japanese has one form for every count', () => {
  const us = utc('en-US');
  const gb = utc('en-GB');
  const ja = utc('ja-JP');
  expect(us.plural('company.people', 1)).toBe('1 person');
  expect(us.plural('company.people', 0)).toBe('0 people');
  expect(gb.plural('company.people', 2)).toBe('2 people');
  expect(gb.plural('company.people', 1500)).toBe('1,500 people');
  expect(ja.plural('company.people', 1)).toBe('1 人');
  expect(ja.plural('company.people', 12)).toBe('12 人');
  expect(us.plural('confirm.startBody', 1)).toContain('The emails of 1 user will be read');
  expect(us.plural('confirm.startBody', 3)).toContain('The emails of 3 users will be read');
  expect(us.plural('progress.readOf', 5400, { seen: us.number(1200) })).toBe('1,200 of 5,400 emails read');
  expect(ja.plural('progress.readOf', 5400, { seen: ja.number(1200) })).toBe(
    '5,400 件中 1,200 件のメールを読み取り済み',
  );
});

test('time left reads as a rough duration in the language', () => {
  expect(utc('en-US').duration(20)).toBe('less than a minute');
  expect(utc('en-GB').duration(60)).toBe('about 1 minute');
  expect(utc('en-US').duration(185)).toBe('about 3 minutes');
  expect(utc('en-US').duration(3 * 3600)).toBe('about 3 hours');
  expect(utc('ja-JP').duration(185)).toBe('約 3 分');
  expect(utc('ja-JP').duration(10)).toBe('1 分未満');
});

test('the strings follow ja or en; formats follow the exact tag, with a safe fallback', () => {
  expect(localeFor('ja-JP')).toBe('ja');
  expect(localeFor('en-GB')).toBe('en');
  expect(localeFor('fr-FR')).toBe('en');
  expect(formatTagFor('en-GB')).toBe('en-GB');
  expect(formatTagFor('ja')).toBe('ja');
  expect(formatTagFor('')).toBe('en-US');
  expect(formatTagFor('not a tag!')).toBe('en-US');
});

test('an API error code has its own text, and an unknown one still names the code', () => {
  expect(utc('ja-JP').apiError('token_expired')).toBe(
    'サインインの有効期限が切れました。もう一度サインインしてください。',
  );
  expect(utc('en-US').apiError('made_up_code')).toBe('The service answered with an error (made_up_code).');
});

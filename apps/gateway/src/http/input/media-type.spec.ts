import { isJsonInUtf8 } from './media-type';

describe('isJsonInUtf8', () => {
  it.each([
    'application/json',
    'application/json; charset=utf-8',
    'application/json;charset=UTF-8',
    'Application/JSON; Charset="utf-8"',
    'application/json; charset=utf8',
    'application/merge-patch+json',
    'application/problem+json',
    'application/vnd.envrefresh.v1+json; charset=utf-8',
    'application/json; profile="https://example.com/x"',
  ])('accepts %s', (contentType) => {
    expect(isJsonInUtf8(contentType)).toBe(true);
  });

  it.each([
    undefined,
    '',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=abc',
    'text/plain',
    'text/json',
    'application/xml',
    'application/jsonp',
    'application/json-patch',
    'application/+json',
    'application/json; charset=iso-8859-1',
    'application/json; charset=utf-16',
    'application/json; charset=',
    'application/json, text/plain',
  ])('refuses %s', (contentType) => {
    expect(isJsonInUtf8(contentType)).toBe(false);
  });
});

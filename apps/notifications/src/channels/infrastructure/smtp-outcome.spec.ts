import { outcomeOfSmtpError } from './smtp-outcome';

describe('outcomeOfSmtpError', () => {
  it('follows the reply code: 5xx REJECTED, 4xx RETRY', () => {
    expect(outcomeOfSmtpError({ code: 'EMESSAGE', responseCode: 550, message: 'no' }, 1)).toMatchObject({
      kind: 'REJECTED',
      statusCode: 550,
    });
    expect(outcomeOfSmtpError({ code: 'EMESSAGE', responseCode: 451, message: 'later' }, 1)).toMatchObject({
      kind: 'RETRY',
      statusCode: 451,
    });
  });

  it('without a reply: a refused envelope is REJECTED, connection trouble RETRY', () => {
    expect(outcomeOfSmtpError({ code: 'EENVELOPE', message: 'No recipients defined' }, 1)).toMatchObject({
      kind: 'REJECTED',
    });
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EAUTH'])
      expect(outcomeOfSmtpError({ code, message: 'x' }, 1)).toMatchObject({
        kind: 'RETRY',
        statusCode: null,
      });
  });
});

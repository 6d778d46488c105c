import { EslConfigError } from './errors';
import { parseEslUrls } from './esl-node';

describe('parseEslUrls', () => {
  it('parses comma-separated esl://:PASSWORD@HOST:PORT entries, decoding the password', () => {
    expect(parseEslUrls('esl://:ClueCon@127.0.0.1:8021, esl://:p%40ss%3Aw%2Cd@fs2.example.org:8022,esl://:x@[::1]:8021')).toEqual([
      { id: '127.0.0.1:8021', host: '127.0.0.1', port: 8021, password: 'ClueCon' },
      { id: 'fs2.example.org:8022', host: 'fs2.example.org', port: 8022, password: 'p@ss:w,d' },
      { id: '[::1]:8021', host: '::1', port: 8021, password: 'x' },
    ]);
  });

  it('means no node for an empty or missing value', () => {
    expect(parseEslUrls('')).toEqual([]);
    expect(parseEslUrls(undefined)).toEqual([]);
    expect(parseEslUrls(' , ')).toEqual([]);
  });

  it('names every bad entry, with the password masked', () => {
    let error: unknown;
    try {
      parseEslUrls('esl://:secret@host:8021,http://host:8021,esl://:secret@host:70000,esl://:50%@host:1,esl://:secret@host:8021');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EslConfigError);
    const message = (error as Error).message;
    expect(message).toContain('entry 2 ("http://host:8021") is not like esl://:PASSWORD@HOST:PORT');
    expect(message).toContain('entry 3 ("esl://:***@host:70000") has port 70000');
    expect(message).toContain('entry 4 ("esl://:***@host:1") has a password that is not URL-encoded correctly');
    expect(message).toContain('entry 5 ("esl://:***@host:8021") repeats host:8021');
    expect(message).not.toContain('secret');
  });
});

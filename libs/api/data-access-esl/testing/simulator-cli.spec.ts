import { parseSimulatorArgs } from './simulator-cli';

describe('simulator CLI arguments', () => {
  it('defaults to FreeSWITCH-like settings and reads every option', () => {
    expect(parseSimulatorArgs([])).toEqual({ host: '127.0.0.1', port: 8021, password: 'ClueCon', rate: 0.5, seed: 1, speed: 1, replay: undefined, heartbeatSeconds: 20 });
    expect(parseSimulatorArgs(['--port', '0', '--password', 's3cret', '--rate', '5', '--seed', '42', '--replay', 'x.esl', '--speed', '10'])).toMatchObject({
      port: 0,
      password: 's3cret',
      rate: 5,
      seed: 42,
      replay: 'x.esl',
      speed: 10,
    });
  });

  it('refuses bad values with the usage text', () => {
    expect(() => parseSimulatorArgs(['--port', '70000'])).toThrow(/--port must be a number from 0 to 65535\nusage: simulate/);
    expect(() => parseSimulatorArgs(['--rate', 'fast'])).toThrow(/--rate must be a number/);
    expect(() => parseSimulatorArgs(['--bogus'])).toThrow(/Unknown option '--bogus'/);
  });
});

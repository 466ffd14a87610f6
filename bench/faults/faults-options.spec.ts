import { readFaultsOptions } from './faults-options';

describe('readFaultsOptions', () => {
  it('runs the full profile by default, and the short one with smaller figures', () => {
    expect(readFaultsOptions([])).toMatchObject({
      profile: 'full',
      soak: false,
      holdSeconds: 10,
      durationSeconds: 600,
    });
    expect(readFaultsOptions(['--profile', 'short'])).toMatchObject({
      profile: 'short',
      holdSeconds: 5,
      rate: 3,
    });
  });

  it('lets a flag override the profile, in either spelling', () => {
    expect(readFaultsOptions(['--soak', '--duration=120', '--rate', '8'])).toMatchObject({
      soak: true,
      durationSeconds: 120,
      rate: 8,
    });
  });

  it('refuses what it does not know, naming it', () => {
    expect(() => readFaultsOptions(['--profile', 'long'])).toThrow(
      '--profile needs full or short, got "long"',
    );
    expect(() => readFaultsOptions(['--hold', '0'])).toThrow('--hold needs a positive number, got "0"');
    expect(() => readFaultsOptions(['--fast'])).toThrow('unknown argument "--fast"');
  });
});

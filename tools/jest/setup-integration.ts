// Jest reads `testTimeout` only from the global config, not from a project's, so the integration project sets its
// own here. A whole API per test file on 2 busy CI cores (argon2 hashing, migrations, other suites starting their
// own API beside it) needs more than Jest's default 5 s, in hooks as in tests.
jest.setTimeout(30_000);

import { createArgon2Gate, hashPassword, NO_USER_HASH, verifyPassword } from '../../server/src/auth/passwords';
import { ServiceUnavailableError } from '../../server/src/kernel';

/** The algorithm, version and cost parameters of an encoded argon2 hash: `$argon2id$v=19$m=…,p=…,t=…`. */
const parametersOf = (hash: string) => hash.split('$').slice(1, 4).join('$');

describe('the hash a login without such a user is checked against', () => {
  it('When a password is hashed now, then it has the same algorithm and costs as the written-out hash, so a login naming no user takes as long as one naming a user', async () => {
    const fresh = await hashPassword('某村文书的新密码-2026');
    expect(parametersOf(fresh)).toMatch(/^argon2id\$v=19\$m=\d+,p=\d+,t=\d+$/);
    expect(parametersOf(NO_USER_HASH)).toBe(parametersOf(fresh));
  });

  it('When any password is checked against it, then it does not match', async () => {
    for (const guess of ['', 'no-such-user-placeholder', 'Demo-Pass-1', '123456']) expect(await verifyPassword(NO_USER_HASH, guess)).toBe(false);
  });
});

describe('how many password hashes run at once (each holds 64 MiB)', () => {
  /** A piece of work that runs until `finish` is called, recording when it started. */
  const controlled = (name: string, started: string[]) => {
    let finish!: () => void;
    const done = new Promise<string>((resolve) => { finish = () => resolve(name); });
    return { work: () => { started.push(name); return done; }, finish: () => finish() };
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('When more arrive than may run, then the next ones wait their turn in order, and beyond the queue the answer is 503 with a retry', async () => {
    const gate = createArgon2Gate(2, 1);
    const started: string[] = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => controlled(n, started));
    const ran = [gate(a.work), gate(b.work), gate(c.work)];
    await settle();
    expect(started).toEqual(['a', 'b']);
    const refused = gate(d.work);
    await expect(refused).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 2 });
    b.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    a.finish();
    c.finish();
    await expect(Promise.all(ran)).resolves.toEqual(['a', 'b', 'c']);
    // All places are free again: the next one runs at once, and so does the one after it.
    const [e, f] = ['e', 'f'].map((n) => controlled(n, started));
    const more = [gate(e.work), gate(f.work)];
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'e', 'f']);
    e.finish();
    f.finish();
    await expect(Promise.all(more)).resolves.toEqual(['e', 'f']);
  });

  it('When a piece of work fails, then its place is given to the next one all the same', async () => {
    const gate = createArgon2Gate(1, 5);
    const failing = gate(() => Promise.reject(new Error('argon2 failed')));
    const next = gate(() => Promise.resolve('next'));
    await expect(failing).rejects.toThrow('argon2 failed');
    await expect(next).resolves.toBe('next');
  });

  it('When many logins check passwords at once, then all are answered right', async () => {
    const hash = await hashPassword('正确的密码-1');
    const checks = await Promise.all(Array.from({ length: 6 }, (_, i) => verifyPassword(hash, i % 2 === 0 ? '正确的密码-1' : '错误的密码')));
    expect(checks).toEqual([true, false, true, false, true, false]);
  });
});

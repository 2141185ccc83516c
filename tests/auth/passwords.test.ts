import { hashPassword, NO_USER_HASH, verifyPassword } from '../../server/src/auth/passwords';

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

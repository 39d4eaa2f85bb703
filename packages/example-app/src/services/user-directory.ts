import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const derive = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
) => Promise<Buffer>;

/** A development user. */
export interface User {
  readonly username: string;
  readonly roles: readonly string[];
}

interface StoredUser extends User {
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** The development users and their passwords, as the README gives them. */
export const DEVELOPMENT_USERS = [
  { username: 'alice', password: 'alice-password', roles: ['admin', 'user'] },
  { username: 'bob', password: 'bob-password', roles: ['user'] },
] as const;

/**
 * Checks development credentials. Passwords are kept only as scrypt hashes,
 * and an unknown user costs as much time as a wrong password.
 */
export class UserDirectory {
  readonly #users: ReadonlyMap<string, StoredUser>;
  readonly #decoy: StoredUser;

  private constructor(users: readonly StoredUser[], decoy: StoredUser) {
    this.#users = new Map(users.map((user) => [user.username, user]));
    this.#decoy = decoy;
  }

  /** Hashes the development users' passwords. */
  static async create(): Promise<UserDirectory> {
    const users = await Promise.all(
      DEVELOPMENT_USERS.map((user) => store(user.username, user.password, user.roles)),
    );
    const decoy = await store('', randomBytes(16).toString('hex'), []);

    return new UserDirectory(users, decoy);
  }

  /** The user, if `password` is theirs. */
  async authenticate(username: string, password: string): Promise<User | undefined> {
    const user = this.#users.get(username);
    const candidate = user ?? this.#decoy;
    const hash = await derive(password, candidate.salt, candidate.hash.length);
    const matches = timingSafeEqual(hash, candidate.hash);

    return matches && user !== undefined
      ? { username: user.username, roles: user.roles }
      : undefined;
  }
}

async function store(
  username: string,
  password: string,
  roles: readonly string[],
): Promise<StoredUser> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, 32);

  return { username, roles, salt, hash };
}

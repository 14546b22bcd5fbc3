import 'server-only';
import bcrypt from 'bcryptjs';
import { env } from '@/lib/env';

/** bcrypt with a cost that keeps a guess around 100 ms; tests may lower it through the env. */
const cost = () => env().BCRYPT_COST;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost());
}

export function hashPasswordSync(password: string, rounds = cost()): string {
  return bcrypt.hashSync(password, rounds);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when the email is unknown, so both paths take the same time. */
export const DUMMY_HASH = '$2b$11$cPHKIT54D8H7Q5U3phVwvOZnVcyhGQNs/1wXEpKAn3b1kfPGNSWHm';

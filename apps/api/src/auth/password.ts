import bcrypt from 'bcryptjs';

/** bcrypt cost: about 60 ms a hash on our machines, slow enough against offline guessing. */
const COST = 10;

export const hashPassword = (password: string) => bcrypt.hash(password, COST);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

/** Compared against when the email is unknown, so that both failures take the same time. */
export const UNKNOWN_USER_HASH = bcrypt.hashSync('timing-equaliser', COST);

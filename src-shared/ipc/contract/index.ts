import { appContract } from './app';
import { usersContract } from './users';

/**
 * Every endpoint, once. Each domain keeps its endpoints in its own file; adding a domain adds a
 * file and one spread here. Channel names are `domain.verb`.
 */
export const contract = {
  ...appContract,
  ...usersContract,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const channels = Object.keys(contract) as Channel[];

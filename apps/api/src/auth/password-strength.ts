import { HttpStatus } from '@nestjs/common';
import { ERROR_CODES } from '@promoto/shared-dto';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as french from '@zxcvbn-ts/language-fr';
import { AppException } from '../common/app-exception';

/**
 * zxcvbn's score 3 means "safely unguessable": more than 10^8 guesses. Score 2 falls to an online
 * attacker who gets past the rate limits over weeks, or in hours to anyone holding a leaked hash;
 * 3 holds against both, and a four-word phrase or twelve mixed characters reach it easily.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Words of this site that a person is likely to put in a password here. */
const SITE_WORDS = ['promoto', 'garage', 'garagiste', 'rendez-vous'];

/**
 * The estimate reads the first 64 characters only: its cost grows quickly with length (a third of
 * a second for 64 repeated characters here), and whatever follows can only make a password stronger.
 */
const ESTIMATED_LENGTH = 64;

const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...french.dictionary },
  graphs: common.adjacencyGraphs,
  translations: french.translations,
  maxLength: ESTIMATED_LENGTH,
});

/** The person's own data, which guessers try first: the email, its parts, the words of the name. */
function personalWords(email: string, name: string): string[] {
  return [email, ...email.split(/[@.+_-]+/), name, ...name.split(/\s+/)].filter((word) => word.length >= 3);
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Refuses a password that is too easy to guess with WEAK_PASSWORD and a French sentence saying why. */
export function assertStrongPassword(password: string, account: { email: string; name: string }): void {
  const { score, feedback } = estimator.check(password, [...SITE_WORDS, ...personalWords(account.email, account.name)]);
  if (score >= MIN_PASSWORD_SCORE) return;
  const reasons = [feedback.warning, ...feedback.suggestions].filter((text): text is string => Boolean(text));
  const message = [
    'Mot de passe trop facile à deviner.',
    ...reasons.map(sentence),
    'Une phrase de quatre mots ou plus est un bon choix.',
  ].join(' ');
  throw new AppException(HttpStatus.BAD_REQUEST, ERROR_CODES.WEAK_PASSWORD, message, [message]);
}

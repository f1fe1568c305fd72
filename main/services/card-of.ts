import { defaultCard, getCard } from '../store/cards';
import type { Db } from '../store/db';
import { ServiceError } from './errors';

/** The card a call is about: the one it names (which must exist), else the default card. */
export function cardOf(db: Db, cardId: number | undefined): number {
  if (cardId === undefined) return defaultCard(db).id;
  if (!getCard(db, cardId)) throw new ServiceError('not_found', `There is no card with id ${cardId}.`);
  return cardId;
}

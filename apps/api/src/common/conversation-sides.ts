/**
 * A client and a garage, by their ids: the two sides of a conversation, and the pair a block is
 * between (the messages and blocks modules name the same thing).
 */
export interface ConversationSides {
  clientId: string;
  garageId: string;
}
